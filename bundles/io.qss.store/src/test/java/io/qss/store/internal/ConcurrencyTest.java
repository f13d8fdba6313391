// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import io.qss.store.file.FileVolumes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers on several streams and readers of old and latest versions at once; every answer stays consistent. */
class ConcurrencyTest {

    private static final int STREAMS = 4;
    private static final int BATCHES = 150;
    private static final int BATCH = 500;

    @TempDir
    Path dir;

    @Test
    void givenConcurrentWritersAndReaders_whenRunning_thenEveryVersionAnswersConsistently() throws Exception {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(
                FileVolumes.open(dir), StoreOptions.defaults().withCommit(4000, 10))) {
            UUID[] ids = new UUID[STREAMS];
            for (int s = 0; s < STREAMS; s++) {
                ids[s] = UUID.randomUUID();
                store.create(ids[s], "c/" + s, Map.of(), Map.of());
            }
            AtomicBoolean done = new AtomicBoolean();
            Thread[] writers = new Thread[STREAMS];
            for (int s = 0; s < STREAMS; s++) {
                UUID id = ids[s];
                writers[s] = new Thread(() -> write(store, id, failures));
                writers[s].start();
            }
            Thread reader = new Thread(() -> read(store, ids, done, failures));
            reader.start();
            for (Thread w : writers) {
                w.join();
            }
            done.set(true);
            reader.join();
            for (UUID id : ids) {
                assertEquals(
                        (long) BATCHES * BATCH,
                        store.count(id, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, Version.LATEST));
            }
        }
        assertTrue(failures.isEmpty(), () -> "failures: " + failures);
    }

    private static void write(TimeSeriesStoreImpl store, UUID id, ConcurrentLinkedQueue<Throwable> failures) {
        try {
            for (int b = 0; b < BATCHES; b++) {
                long[] t = new long[BATCH];
                double[] v = new double[BATCH];
                for (int i = 0; i < BATCH; i++) {
                    t[i] = (long) (b * BATCH + i) * 8_333_333L;
                    v[i] = b;
                }
                store.insert(id, t, v, 0, BATCH, MergePolicy.NEVER);
            }
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    /** At any committed version, every batch is whole: the count is a multiple of the batch size. */
    private static void read(
            TimeSeriesStoreImpl store, UUID[] ids, AtomicBoolean done, ConcurrentLinkedQueue<Throwable> failures) {
        try {
            while (!done.get()) {
                for (UUID id : ids) {
                    long major = store.version(id).major();
                    for (long v = Version.FIRST; v <= major; v += Math.max(1, major / 5)) {
                        long count = store.count(id, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, v);
                        List<?> raw = Collect.raw(store, id, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, v);
                        assertEquals(count, raw.size());
                        assertEquals(0, count % BATCH, "version " + v + " count " + count);
                    }
                    long latest = store.count(id, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, 0);
                    assertEquals(0, latest % BATCH);
                }
            }
        } catch (Throwable e) {
            failures.add(e);
        }
    }
}
