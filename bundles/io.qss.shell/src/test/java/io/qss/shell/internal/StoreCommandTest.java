// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.CompactionResult;
import io.qss.store.api.SpaceUsage;
import io.qss.store.api.TimeSeriesStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoreCommandTest {

    private static final SpaceUsage USAGE = new SpaceUsage(1000, Map.of(new UUID(1, 1), 600L), 50, 100);

    @Test
    void givenCompact_whenExecuted_thenStoreCompactedAndResultPrinted() throws Exception {
        List<String> calls = new ArrayList<>();
        StoreCommand command = new StoreCommand();
        command.store = CommandFakes.fake(
                TimeSeriesStore.class,
                calls,
                Map.of("compact", a -> new CompactionResult(2, 2048, 7, 30), "usage", a -> USAGE));
        command.action = "compact";

        command.execute();

        assertEquals(List.of("compact()", "usage()"), calls);
        assertEquals("""
                segments freed:   2
                bytes freed:      2048
                blocks moved:     7
                versions expired: 30
                store bytes now:  1000
                """, StoreCommand.compacted(new CompactionResult(2, 2048, 7, 30), USAGE));
    }

    @Test
    void givenUnknownAction_whenExecuted_thenErrorNamesTheChoices() {
        StoreCommand command = new StoreCommand();
        command.store = CommandFakes.fake(TimeSeriesStore.class, new ArrayList<>(), Map.of());
        command.action = "shrink";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, command::execute);
        assertTrue(e.getMessage().contains("usage|compact"), e.getMessage());
    }
}
