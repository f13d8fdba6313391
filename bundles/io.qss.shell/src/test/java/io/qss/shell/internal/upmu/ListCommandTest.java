// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.registry.RegisteredDevice;
import io.qss.sync.DeviceSyncStatus;
import io.qss.sync.FailedFile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListCommandTest {

    private static final RegisteredDevice SAVED =
            new RegisteredDevice("10.0.0.1", "P1", "a", false, 1, Map.of(), Map.of());
    private static final RegisteredDevice UNSAVED =
            new RegisteredDevice("10.0.0.2", "P2", "b", true, 1, Map.of(), Map.of());

    @Test
    void givenSavedUnsavedFailedAndUnknown_whenRendered_thenManualColumnsAndNotes() {
        DeviceSyncStatus status = new DeviceSyncStatus(
                "P1",
                "a",
                1,
                2,
                5,
                1,
                Instant.ofEpochSecond(0),
                "x",
                List.of(new FailedFile("2026/x.dat", "no valid record in .dat file")),
                0,
                null,
                "device a registered base, sends extended files: run upmu:setext a true",
                "paused: device type upmu not installed");

        String out =
                ListCommand.render(List.of(SAVED, UNSAVED), List.of(SAVED), 1, Map.of("P1", status), Map.of("P9", 3));

        assertEquals("""
                ALIAS  IP        SERIAL  MODE      GEN  PENDING  SYNCED  FAILED  LAST SYNCED
                a      10.0.0.1  P1      base !    1    2        5       1       1970-01-01 00:00:00 UTC
                b *    10.0.0.2  P2      extended  1    -        -       -       -
                failed: a 2026/x.dat: no valid record in .dat file
                mode mismatch (!): device a registered base, sends extended files: run upmu:setext a true
                paused: device type upmu not installed [alias=a, pending=2]
                unknown sender: P9 (3 files spooled, not ingested; add it to ingest them)
                1 unsaved change(s) (marked *) - run save to apply
                """, out);
    }
}
