// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.CompactionResult;
import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Child process of {@link CrashTest}: two threads insert deterministic batches into two streams and print
 * {@code ACK k} once batch k's insert returned, until the parent kills the process. With a third argument
 * {@code all}, batch k goes into every stream of {@link #MANY} with one {@code insertAll} call instead; with
 * {@code checkpoint}, every insert commits and the metadata is checkpointed every few dozen commits, so kills land
 * inside checkpoints; with {@code compact}, a third thread keeps creating, filling and obliterating a stream and
 * compacting the store, so kills land inside compactions.
 */
public final class CrashChild {

    static final UUID[] STREAMS = {new UUID(1, 1), new UUID(2, 2)};
    static final UUID[] MANY = {
        new UUID(3, 0),
        new UUID(3, 1),
        new UUID(3, 2),
        new UUID(3, 3),
        new UUID(3, 4),
        new UUID(3, 5),
        new UUID(3, 6),
        new UUID(3, 7),
        new UUID(3, 8),
        new UUID(3, 9)
    };
    static final long BASE = 1_600_000_000_000_000_000L;
    static final long SPAN = 1_000_000_000_000L;

    private CrashChild() {}

    static int size(long k) {
        return 120 + (int) ((k * 7919) % 4000);
    }

    static long time(long k, int i) {
        return BASE + k * SPAN + Math.round(i * 8_333_333.33);
    }

    static double value(long k, int i) {
        return (float) (7200 + ((k * 31 + i) % 1000) / 10.0);
    }

    static UUID stream(long k) {
        return STREAMS[(int) (k % 2)];
    }

    public static void main(String[] args) throws Exception {
        String volumeSpec = args[0];
        long start = Long.parseLong(args[1]);
        boolean isAll = args.length > 2 && "all".equals(args[2]);
        boolean isCheckpointing = args.length > 2 && "checkpoint".equals(args[2]);
        boolean isCompacting = args.length > 2 && "compact".equals(args[2]);
        StoreOptions options = isCheckpointing
                ? StoreOptions.defaults().withCommit(100, 5).withMetaCheckpointBytes(4096)
                : isCompacting
                        ? StoreOptions.defaults()
                                .withCommit(500, 5)
                                .withSegmentBytes(64L << 20, 256L << 10)
                                .withMetaCheckpointBytes(16384)
                        : StoreOptions.defaults().withCommit(3000, 50);
        TimeSeriesStoreImpl store = TestVolumes.openWhenFree(volumeSpec, options);
        for (UUID id : isAll ? MANY : STREAMS) {
            try {
                store.create(id, "crash/" + id, Map.of(), Map.of());
            } catch (StoreException e) {
                if (e.code() != ErrorCode.STREAM_EXISTS) {
                    throw e;
                }
            }
        }
        Thread[] writers = new Thread[2];
        for (int w = 0; w < 2; w++) {
            long first = start + ((start % 2 == w) ? 0 : 1);
            writers[w] = new Thread(() -> write(store, first, isAll));
            writers[w].start();
        }
        if (isCompacting) {
            Thread compactor = new Thread(() -> compactForever(store));
            compactor.setDaemon(true);
            compactor.start();
        }
        for (Thread t : writers) {
            t.join();
        }
    }

    /** Fills a throw-away stream, obliterates it and compacts, again and again. */
    private static void compactForever(TimeSeriesStoreImpl store) {
        try {
            for (long round = 0; ; round++) {
                UUID temp = UUID.randomUUID();
                store.create(temp, "crash/temp", Map.of(), Map.of());
                long[] t = new long[20_000];
                double[] v = new double[t.length];
                for (int i = 0; i < t.length; i++) {
                    t[i] = BASE + i * 1_000_000L;
                    v[i] = round + i;
                }
                store.insert(temp, t, v, 0, t.length, MergePolicy.NEVER);
                store.flush(temp);
                store.obliterate(temp);
                CompactionResult r = store.compact(0);
                if (round % 10 == 0) {
                    synchronized (System.out) {
                        System.out.println("compaction " + round + ": " + r);
                    }
                }
            }
        } catch (StoreException | InterruptedException e) {
            e.printStackTrace();
            System.exit(4);
        }
    }

    private static void write(TimeSeriesStoreImpl store, long first, boolean isAll) {
        try {
            for (long k = first; ; k += 2) {
                int n = size(k);
                long[] t = new long[n];
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    t[i] = time(k, i);
                    v[i] = value(k, i);
                }
                if (isAll) {
                    List<StreamBatch> batches = new ArrayList<>();
                    for (UUID id : MANY) {
                        batches.add(StreamBatch.of(id, t, v, MergePolicy.NEVER));
                    }
                    store.insertAll(batches);
                } else {
                    store.insert(stream(k), t, v, 0, n, MergePolicy.NEVER);
                }
                synchronized (System.out) {
                    System.out.println("ACK " + k);
                    System.out.flush();
                }
            }
        } catch (StoreException e) {
            e.printStackTrace();
            System.exit(3);
        }
    }
}
