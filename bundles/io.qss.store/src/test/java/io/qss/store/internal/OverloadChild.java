// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.file.FileVolumes;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Child process of {@link OverloadTest}, run with a small heap: writer threads insert uPMU-sized batches (a minute
 * of 120 Hz points) into many streams as fast as the store takes them, far more than its commits follow, for a
 * while; then it waits until every buffer is committed, closes, reopens and counts every stream. It prints
 * {@code OFFERED}, {@code PEAK} (budget and heap), {@code DRAINED <ms>} and {@code COUNTS OK} or
 * {@code COUNT MISMATCH ...}; an OutOfMemoryError ends it with a non-zero exit code.
 */
public final class OverloadChild {

    static final long BASE = 1_600_000_000_000_000_000L;
    static final int BATCH = 7200;
    static final long MINUTE = 60_000_000_000L;

    private OverloadChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int streams = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        long loadMillis = Long.parseLong(args[3]);
        // log segments of 16 MiB: opening a store reads a whole segment into the heap, and 64 MiB (the default) of
        // a 128 MiB heap could fail the reopen that checks the counts, which is not what this test is about
        StoreOptions options = StoreOptions.defaults()
                .withSegmentBytes(16L << 20, 1L << 30)
                .withCommit(32768, 3_000)
                .withCacheBytes(8L << 20)
                .withWalSync(StoreOptions.WalSyncPolicy.PERIODIC, 100);
        UUID[] ids = new UUID[streams];
        AtomicLongArray batches = new AtomicLongArray(streams);
        HeapWatch heap = new HeapWatch();
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options)) {
            for (int i = 0; i < streams; i++) {
                ids[i] = new UUID(7, i);
                store.create(ids[i], "overload/s" + i, Map.of(), Map.of());
            }
            System.out.println("BUDGET " + store.bufferUsage().limitBytes());
            offer(store, ids, batches, threads, loadMillis);
            long offered = 0;
            for (int i = 0; i < streams; i++) {
                offered += batches.get(i) * BATCH;
            }
            System.out.println("OFFERED " + offered);
            long drainStart = System.nanoTime();
            while (store.bufferUsage().bufferedBytes() > 0) {
                heap.sample();
                Thread.sleep(20);
            }
            System.out.println("DRAINED " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainStart));
            System.out.println("PEAK budget=" + store.bufferUsage().peakBytes() + " heap=" + heap.peak);
        }
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options)) {
            StringBuilder mismatches = new StringBuilder();
            for (int i = 0; i < streams; i++) {
                long count = store.count(ids[i], TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, 0);
                if (count != batches.get(i) * BATCH) {
                    mismatches
                            .append(" stream=")
                            .append(i)
                            .append(" expected=")
                            .append(batches.get(i) * BATCH)
                            .append(" found=")
                            .append(count);
                }
            }
            System.out.println(mismatches.length() == 0 ? "COUNTS OK" : "COUNT MISMATCH" + mismatches);
        }
    }

    /** Every thread takes the next stream round robin and inserts its next minute, until the time is up. */
    private static void offer(
            TimeSeriesStoreImpl store, UUID[] ids, AtomicLongArray batches, int threads, long loadMillis)
            throws InterruptedException {
        AtomicBoolean isStopped = new AtomicBoolean();
        AtomicLong turn = new AtomicLong();
        HeapWatch heap = new HeapWatch();
        Thread[] writers = new Thread[threads];
        for (int w = 0; w < threads; w++) {
            writers[w] = new Thread(
                    () -> {
                        long[] times = new long[BATCH];
                        double[] values = new double[BATCH];
                        try {
                            while (!isStopped.get()) {
                                int stream = (int) (turn.getAndIncrement() % ids.length);
                                synchronized (ids[stream]) {
                                    long minute = batches.get(stream);
                                    for (int i = 0; i < BATCH; i++) {
                                        times[i] = BASE + minute * MINUTE + i * 8_333_333L;
                                        values[i] = (float) (7200 + (i % 100));
                                    }
                                    store.insert(ids[stream], times, values, 0, BATCH, MergePolicy.NEVER);
                                    batches.incrementAndGet(stream);
                                }
                            }
                        } catch (Exception e) {
                            System.out.println("INSERT FAILED " + e);
                            e.printStackTrace(System.out);
                            System.exit(2);
                        }
                    },
                    "writer-" + w);
            writers[w].start();
        }
        long end = System.currentTimeMillis() + loadMillis;
        while (System.currentTimeMillis() < end) {
            heap.sample();
            Thread.sleep(20);
        }
        isStopped.set(true);
        for (Thread t : writers) {
            t.join();
        }
        System.out.println("LOAD PEAK heap=" + heap.peak);
    }

    /** The most heap in use seen by {@link #sample} (garbage included: an upper bound). */
    private static final class HeapWatch {
        long peak;

        void sample() {
            Runtime rt = Runtime.getRuntime();
            peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
        }
    }
}
