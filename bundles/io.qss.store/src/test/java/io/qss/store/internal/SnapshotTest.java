// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.Version;
import io.qss.store.file.FileVolumes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots of a store under concurrent inserts, commits, log rotation and log reclamation. */
class SnapshotTest {

    private static final int STREAMS = 4;
    private static final int BATCH = 100;
    private static final long STRIDE = 1_000;

    @TempDir
    Path dir;

    @Test
    void givenConcurrentInserts_whenSnapshotting_thenCopyHoldsEveryAcknowledgedBatchAndNoPartialOne() throws Exception {
        StoreOptions options = StoreOptions.defaults().withCommit(2_000, 5).withSegmentBytes(32 << 10, 256 << 10);
        UUID[] ids = new UUID[STREAMS];
        AtomicIntegerArray acked = new AtomicIntegerArray(STREAMS);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir.resolve("live")), options)) {
            Thread[] writers = startWriters(store, ids, acked, stop, failures);
            for (int round = 0; round < 3; round++) {
                awaitProgress(acked, 40 * (round + 1));
                int[] before = snapshotOf(acked);
                Path target = dir.resolve("snap-" + round);
                store.snapshot(target);
                awaitProgress(acked, 40 * (round + 1) + 20);
                verify(target, ids, before, options);
            }
            stop.set(true);
            for (Thread w : writers) {
                w.join();
            }
        }
        assertTrue(failures.isEmpty(), () -> "writer failures: " + failures);
    }

    @Test
    void givenTargetInsideStoreOrNotEmpty_whenSnapshotting_thenRefused() throws Exception {
        try (TimeSeriesStoreImpl store =
                TimeSeriesStoreImpl.open(FileVolumes.open(dir.resolve("live")), StoreOptions.defaults())) {
            StoreException inside = assertThrows(StoreException.class, () -> store.snapshot(dir.resolve("live/copy")));
            assertEquals(ErrorCode.WRONG_ARGS, inside.code());
            Files.createDirectories(dir.resolve("full"));
            Files.writeString(dir.resolve("full/x"), "x");
            assertThrows(StoreException.class, () -> store.snapshot(dir.resolve("full")));
        }
    }

    private static Thread[] startWriters(
            TimeSeriesStoreImpl store,
            UUID[] ids,
            AtomicIntegerArray acked,
            AtomicBoolean stop,
            ConcurrentLinkedQueue<Throwable> failures)
            throws StoreException {
        Thread[] writers = new Thread[STREAMS];
        for (int s = 0; s < STREAMS; s++) {
            ids[s] = UUID.randomUUID();
            store.create(ids[s], "snap/" + s, Map.of(), Map.of());
            int stream = s;
            writers[s] = new Thread(() -> write(store, ids[stream], stream, acked, stop, failures));
            writers[s].start();
        }
        return writers;
    }

    private static void write(
            TimeSeriesStoreImpl store,
            UUID id,
            int stream,
            AtomicIntegerArray acked,
            AtomicBoolean stop,
            ConcurrentLinkedQueue<Throwable> failures) {
        long[] t = new long[BATCH];
        double[] v = new double[BATCH];
        try {
            for (int b = 1; !stop.get(); b++) {
                for (int i = 0; i < BATCH; i++) {
                    t[i] = b * STRIDE + i;
                    v[i] = b + i / 1000.0;
                }
                store.insert(id, t, v, 0, BATCH, MergePolicy.NEVER);
                acked.set(stream, b);
            }
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    private static void awaitProgress(AtomicIntegerArray acked, int batches) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (int s = 0; s < STREAMS; s++) {
            while (acked.get(s) < batches && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                Thread.yield();
            }
        }
    }

    private static int[] snapshotOf(AtomicIntegerArray acked) {
        int[] out = new int[STREAMS];
        for (int s = 0; s < STREAMS; s++) {
            out[s] = acked.get(s);
        }
        return out;
    }

    private static void verify(Path target, UUID[] ids, int[] before, StoreOptions options) throws Exception {
        try (TimeSeriesStoreImpl copy = TimeSeriesStoreImpl.open(FileVolumes.open(target), options)) {
            for (int s = 0; s < STREAMS; s++) {
                long total = copy.count(ids[s], 0, Long.MAX_VALUE >> 8, Version.LATEST);
                assertEquals(0, total % BATCH, "partial batch in stream " + s);
                long batches = total / BATCH;
                assertTrue(
                        batches >= before[s],
                        "stream " + s + " lost acknowledged batches: " + batches + " < " + before[s]);
                for (int b = 1; b <= batches; b++) {
                    assertEquals(
                            BATCH,
                            copy.count(ids[s], b * STRIDE, b * STRIDE + BATCH, Version.LATEST),
                            "batch " + b + " of stream " + s);
                }
            }
        }
    }
}
