// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.SpaceUsage;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.FaultyVolume.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While an insert waits for a storage that does not answer (a cluster away: each operation takes up to its timeout),
 * it holds the log's lock; the figures every health check reads must not wait behind it, or the health itself stops
 * answering during the outage it should report.
 */
class StalledStorageTest {

    private static final long BASE = 1_600_000_000_000_000_000L;
    private static final UUID STREAM = new UUID(0x57a, 1);

    @TempDir
    Path dir;

    @Test
    void givenAnInsertWaitingForTheLogsStorage_whenAskingTheSpaceUsed_thenItAnswersAtOnceAndCountsTheInsertAfter()
            throws Exception {
        FaultyVolume volume = new FaultyVolume(FileVolumes.open(dir));
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(volume, StoreOptions.defaults())) {
            store.create(STREAM, "stall/a", Map.of(), Map.of());
            store.insert(STREAM, new long[] {BASE}, new double[] {1}, 0, 1, MergePolicy.NEVER);
            long before = store.volumeUsage().totalBytes();

            volume.inject(Fault.STALLS, "wal/", 1);
            CompletableFuture<Void> insert = CompletableFuture.runAsync(() -> insert(store, 1_000));
            try {
                StandbyContract.waitFor(() -> volume.injected() == 1, 10_000, "the insert never reached the log");
                SpaceUsage during = assertTimeoutPreemptively(
                        Duration.ofSeconds(2), store::volumeUsage, "the space used waited for the stalled log append");
                assertEquals(before, during.totalBytes(), "the stalled append is not counted before it lands");
                assertTrue(!insert.isDone(), "the insert did not wait for the storage");
            } finally {
                volume.heal(); // else closing the store would wait for the stalled append for ever
            }
            insert.get(10, TimeUnit.SECONDS);
            assertTrue(store.volumeUsage().totalBytes() > before, "the landed append is not counted in the space used");
        }
    }

    private static void insert(TimeSeriesStoreImpl store, int points) {
        long[] times = new long[points];
        double[] values = new double[points];
        for (int i = 0; i < points; i++) {
            times[i] = BASE + 1 + i;
            values[i] = i;
        }
        try {
            store.insert(STREAM, times, values, 0, points, MergePolicy.NEVER);
        } catch (Exception e) {
            throw new IllegalStateException("insert failed", e);
        }
    }
}
