// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import static io.qss.api.rest.internal.TestData.L1MAG;
import static io.qss.api.rest.internal.TestData.RAW_END;
import static io.qss.api.rest.internal.TestData.RAW_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.api.rest.internal.FailingStore;
import io.qss.query.StoreErrorStatus;
import io.qss.store.api.ErrorCode;
import java.net.http.HttpResponse;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A store failure during a query gets the status of the shared mapping ({@link StoreErrorStatus}), the one REST gives
 * it too (its StoreErrorStatusRestTest asks the same four codes), and a JSON error the page can show.
 */
class PlotterStoreErrorsTest {

    @ParameterizedTest
    @CsvSource({"RESOURCE_DEPLETED, 503", "UNAVAILABLE, 503", "NO_SUCH_STREAM, 400", "CORRUPT_DATA, 500"})
    void givenStoreFailingWithCode_whenDataIsAsked_thenTheSharedStatus(ErrorCode code, int status) throws Exception {
        try (PlotterFixture fixture = new PlotterFixture(store -> FailingStore.failing(store, code))) {
            HttpResponse<String> response = fixture.browser()
                    .get("/api/data?uuid=" + L1MAG + "&start=" + RAW_START + "&end=" + RAW_END + "&pw=30");

            assertEquals(status, response.statusCode(), response.body());
            assertEquals(StoreErrorStatus.of(code), response.statusCode());
            String error = Document.parse(response.body()).getString("error");
            switch (status) {
                case 503 -> assertEquals("the store is busy; try again shortly", error);
                case 400 ->
                    assertTrue(
                            error.startsWith("query refused [reason=injected failure [code=" + code + ", call="),
                            error);
                default -> {
                    assertTrue(error.startsWith("query failed; see the server log [ref="), error);
                    assertFalse(error.contains("injected"), error);
                }
            }
        }
    }
}
