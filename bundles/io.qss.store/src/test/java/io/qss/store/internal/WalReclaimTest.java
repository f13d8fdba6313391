// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.file.FileVolumes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log segments whose records are all committed are deleted, and nothing acknowledged is lost by it. */
class WalReclaimTest {

    @TempDir
    Path dir;

    private long walSegments() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("wal"))) {
            return files.count();
        }
    }

    @Test
    void givenCommittedRecords_whenMaintenanceRuns_thenOldSegmentsDeletedAndDataKept() throws Exception {
        UUID id = UUID.randomUUID();
        StoreOptions options = StoreOptions.defaults().withCommit(5000, 50).withSegmentBytes(16 * 1024, 1 << 20);
        int batches = 200;
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options)) {
            store.create(id, "w", Map.of(), Map.of());
            for (int b = 0; b < batches; b++) {
                long[] t = new long[1000];
                double[] v = new double[1000];
                for (int i = 0; i < t.length; i++) {
                    t[i] = (long) (b * 1000 + i) * 8_333_333L;
                    v[i] = (float) Math.sin(i);
                }
                store.insert(id, t, v, 0, t.length, MergePolicy.NEVER);
            }
            long deadline = System.currentTimeMillis() + 5000;
            while (walSegments() > 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(walSegments() <= 3, "segments left: " + walSegments());
        }
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options)) {
            assertEquals(batches * 1000L, store.count(id, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, 0));
            assertTrue(store.usage().perStreamBytes().get(id) > 0);
        }
    }
}
