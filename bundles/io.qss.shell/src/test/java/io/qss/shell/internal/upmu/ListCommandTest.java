// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegisteredDevice;
import io.qss.registry.SaveResult;
import io.qss.registry.StreamEntry;
import io.qss.sync.DeviceSyncStatus;
import io.qss.sync.FailedFile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListCommandTest {

    private static final RegisteredDevice SAVED = new RegisteredDevice("10.0.0.1", "P1", "a", false, 1, Map.of(),
            Map.of());
    private static final RegisteredDevice UNSAVED = new RegisteredDevice("10.0.0.2", "P2", "b", true, 1, Map.of(),
            Map.of());

    @Test
    void givenSavedUnsavedFailedAndUnknown_whenRendered_thenManualColumnsAndNotes() {
        DeviceSyncStatus status = new DeviceSyncStatus("P1", "a", 1, 2, 5, 1, Instant.ofEpochSecond(0), "x",
                List.of(new FailedFile("2026/x.dat", "no valid record in .dat file")));

        String out = ListCommand.render(new TwoDevices(), Map.of("P1", status), Map.of("P9", 3));

        assertEquals("""
                ALIAS  IP        SERIAL  MODE      GEN  PENDING  SYNCED  FAILED  LAST SYNCED
                a      10.0.0.1  P1      base      1    2        5       1       1970-01-01 00:00:00 UTC
                b *    10.0.0.2  P2      extended  1    -        -       -       -
                failed: a 2026/x.dat: no valid record in .dat file
                unknown sender: P9 (3 files spooled, not ingested; add it to ingest them)
                1 unsaved change(s) (marked *) - run save to apply
                """, out);
    }

    /** A registry with one saved device and one pending addition. */
    private static final class TwoDevices implements DeviceRegistry {
        @Override
        public List<RegisteredDevice> devices() {
            return List.of(SAVED);
        }

        @Override
        public Optional<RegisteredDevice> bySerial(String serial) {
            return serial.equals("P1") ? Optional.of(SAVED) : Optional.empty();
        }

        @Override
        public List<RegisteredDevice> pendingDevices() {
            return List.of(SAVED, UNSAVED);
        }

        @Override
        public Optional<RegisteredDevice> findPending(String key) {
            return Optional.empty();
        }

        @Override
        public RegisteredDevice add(String ip, String serial, String alias, boolean isExtended) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RegisteredDevice remove(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RegisteredDevice setExtended(String key, boolean isExtended) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int unsavedChanges() {
            return 1;
        }

        @Override
        public SaveResult save() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void discard() {
        }

        @Override
        public List<StreamEntry> streams(RegisteredDevice device) {
            return List.of();
        }

        @Override
        public int importIni(String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String exportIni() {
            return "";
        }

        @Override
        public long raiseGeneration(String key) {
            throw new UnsupportedOperationException();
        }
    }
}
