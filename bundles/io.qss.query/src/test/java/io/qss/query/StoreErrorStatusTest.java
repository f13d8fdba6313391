// SPDX-License-Identifier: Apache-2.0
package io.qss.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.store.api.ErrorCode;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoreErrorStatusTest {

    private static final Set<ErrorCode> BUSY = EnumSet.of(ErrorCode.RESOURCE_DEPLETED, ErrorCode.UNAVAILABLE);
    private static final Set<ErrorCode> SERVER =
            EnumSet.of(ErrorCode.IO_ERROR, ErrorCode.CORRUPT_DATA, ErrorCode.JOURNAL_ERROR);

    @Test
    void givenEveryCode_whenMapped_thenBusyIs503ServerFaultIs500AndTheRestIsTheCallers400() {
        for (ErrorCode code : ErrorCode.values()) {
            int expected = BUSY.contains(code) ? 503 : SERVER.contains(code) ? 500 : 400;
            assertEquals(expected, StoreErrorStatus.of(code), code.name());
            assertEquals(expected == 500, StoreErrorStatus.isServerFault(code), code.name());
        }
    }
}
