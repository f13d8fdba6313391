// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import static io.qss.api.rest.internal.TestData.L1MAG;
import static io.qss.api.rest.internal.TestData.RAW_END;
import static io.qss.api.rest.internal.TestData.RAW_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.query.StoreErrorStatus;
import io.qss.store.api.ErrorCode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A store failure during a query gets the status of the shared mapping ({@link StoreErrorStatus}), the one the plotter
 * gives it too (its PlotterStoreErrorsTest asks the same four codes); a server failure's text stays in the log.
 */
class StoreErrorStatusRestTest {

    private static RestFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new RestFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @ParameterizedTest
    @CsvSource({"RESOURCE_DEPLETED, 503", "UNAVAILABLE, 503", "NO_SUCH_STREAM, 400", "CORRUPT_DATA, 500"})
    void givenStoreFailingWithCode_whenQueried_thenTheSharedStatus(ErrorCode code, int status) throws Exception {
        RestApi api = new RestApi(
                () -> FailingStore.failing(fixture.store, code), fixture.access, 100_000, "rest", ZoneId.of("UTC"));
        try (HttpListener listener = HttpListener.start("failing", "127.0.0.1", 0, 4, 1 << 20, Endpoints.of(api))) {
            URI uri = URI.create("http://127.0.0.1:" + listener.port() + "/data/uuid/" + L1MAG + "?starttime="
                    + RAW_START + "&endtime=" + RAW_END + "&unitoftime=ns&pw=20");
            HttpResponse<String> response =
                    fixture.send(HttpRequest.newBuilder(uri).build());

            assertEquals(status, response.statusCode(), response.body());
            assertEquals(StoreErrorStatus.of(code), response.statusCode());
            if (status == 500) {
                assertTrue(
                        response.body().startsWith("internal server error; see the server log [ref="), response.body());
                assertFalse(response.body().contains("injected"), response.body());
            } else {
                assertTrue(
                        response.body().startsWith("query error: injected failure [code=" + code + ", call="),
                        response.body());
            }
        }
    }
}
