// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.store;

import com.sun.management.OperatingSystemMXBean;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StreamBatch;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's CPU under the live path's insert pattern, without devices or sockets: a fleet of live streams
 * inserted the way the device manager's flusher does (every {@code --flush-ms}, each stream's samples since the last
 * flush, in at most four multi-stream inserts run at once) beside uPMU-like streams getting a file's worth of 120 Hz
 * points at a time. Real store on files with the production options. Prints the process CPU per second of the
 * measured window and its split by thread group. Run through {@code ./qss bench store --live [--live-streams 13000]
 * [--upmu-streams 3000] [--seconds 60]}.
 */
final class LiveLoadBench {

    private static final int STREAMS_PER_UPMU = 15;
    private static final int INSERT_THREADS = 4;
    private static final int MIN_STREAMS_PER_INSERT = 512;

    private final int liveStreams;
    private final int upmuStreams;
    private final int liveHz;
    private final int upmuHz;
    private final long flushMillis;
    private final int fileSeconds;
    private final UUID[] live;
    private final UUID[] upmu;
    private final AtomicLong liveInserts = new AtomicLong();
    private final AtomicLong points = new AtomicLong();
    private final AtomicLong insertNanos = new AtomicLong();

    private LiveLoadBench(Map<String, String> opts) {
        liveStreams = Integer.parseInt(opts.getOrDefault("live-streams", "13000"));
        upmuStreams = Integer.parseInt(opts.getOrDefault("upmu-streams", "3000"));
        liveHz = Integer.parseInt(opts.getOrDefault("live-hz", "60"));
        upmuHz = 120;
        flushMillis = Long.parseLong(opts.getOrDefault("flush-ms", "250"));
        fileSeconds = Integer.parseInt(opts.getOrDefault("file-seconds", "10"));
        live = ids(0x11fe, liveStreams);
        upmu = ids(0x0f11e, upmuStreams);
    }

    private static UUID[] ids(long kind, int n) {
        UUID[] out = new UUID[n];
        for (int i = 0; i < n; i++) {
            // random-looking low bits, as real stream UUIDs have (the commit age is spread by them)
            out[i] = new UUID(kind, (i * 0x9E3779B97F4A7C15L) ^ 0x5DEECE66DL);
        }
        return out;
    }

    static void run(Path dir, Map<String, String> opts) throws Exception {
        new LiveLoadBench(opts)
                .run(
                        dir,
                        Integer.parseInt(opts.getOrDefault("seconds", "60")),
                        Integer.parseInt(opts.getOrDefault("warmup-seconds", "20")));
    }

    private void run(Path dir, int seconds, int warmupSeconds) throws Exception {
        Path storeDir = dir.resolve("live-load");
        StoreBenchMain.deleteTree(storeDir);
        try (TimeSeriesStoreImpl store =
                TimeSeriesStoreImpl.open(FileVolumes.open(storeDir), StoreOptions.defaults())) {
            create(store);
            ExecutorService inserters = Executors.newFixedThreadPool(INSERT_THREADS, named("bench-live-insert"));
            ExecutorService files = Executors.newFixedThreadPool(2, named("bench-upmu-insert"));
            long start = System.currentTimeMillis() * 1_000_000L;
            long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
            long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
            Map<String, Long> cpuBefore = null;
            Map<String, Long> nativeBefore = Map.of();
            long processBefore = 0;
            long pointsBefore = 0;
            long insertsBefore = 0;
            long nanosBefore = 0;
            long liveSent = 0;
            long startNanos = System.nanoTime();
            long next = startNanos;
            long upmuFileEvery = TimeUnit.SECONDS.toNanos(fileSeconds) / Math.max(1, upmuStreams / STREAMS_PER_UPMU);
            long nextFile = next;
            int nextUpmu = 0;
            long[] upmuSent = new long[(upmuStreams + STREAMS_PER_UPMU - 1) / STREAMS_PER_UPMU];
            List<Future<?>> pending = new ArrayList<>();
            while (System.nanoTime() < end) {
                if (cpuBefore == null && System.nanoTime() >= measureFrom) {
                    cpuBefore = threadCpu();
                    nativeBefore = nativeThreadCpu();
                    processBefore = processCpuNanos();
                    pointsBefore = points.get();
                    insertsBefore = liveInserts.get();
                    nanosBefore = insertNanos.get();
                }
                long now = System.nanoTime();
                if (now >= next) {
                    pending.removeIf(Future::isDone);
                    if (pending.isEmpty()) { // as the flusher: a cycle starts after the previous one ended, with
                        // every sample that arrived meanwhile (a slow store makes batches larger, not more numerous)
                        long due = (now - startNanos) * liveHz / 1_000_000_000L;
                        if (due > liveSent) {
                            pending.addAll(flushLive(store, inserters, start, liveSent, (int) (due - liveSent)));
                            liveSent = due;
                        }
                    }
                    next += TimeUnit.MILLISECONDS.toNanos(flushMillis);
                }
                while (upmuStreams > 0 && now >= nextFile) {
                    int device = nextUpmu;
                    long fileStart = start + upmuSent[device] * TimeUnit.SECONDS.toNanos(fileSeconds);
                    upmuSent[device]++;
                    files.submit(() -> insertFile(store, device, fileStart));
                    nextUpmu = (nextUpmu + 1) % upmuSent.length;
                    nextFile += upmuFileEvery;
                }
                Thread.sleep(1);
            }
            long processCpu = processCpuNanos() - processBefore;
            Map<String, Long> cpuAfter = threadCpu();
            Map<String, Long> nativeAfter = nativeThreadCpu();
            inserters.shutdown();
            files.shutdown();
            inserters.awaitTermination(1, TimeUnit.MINUTES);
            files.awaitTermination(1, TimeUnit.MINUTES);
            report(
                    seconds,
                    processCpu,
                    cpuBefore,
                    cpuAfter,
                    points.get() - pointsBefore,
                    liveInserts.get() - insertsBefore,
                    insertNanos.get() - nanosBefore,
                    store);
            System.out.println("native threads (10 ms ticks; names cut to 15 characters):");
            printGroups(seconds, nativeBefore, nativeAfter);
        }
    }

    private void create(TimeSeriesStoreImpl store) throws Exception {
        for (int i = 0; i < liveStreams; i++) {
            store.create(live[i], "bench/live/pmu" + i / 13, Map.of("name", "s" + i % 13), Map.of());
        }
        for (int i = 0; i < upmuStreams; i++) {
            store.create(upmu[i], "bench/upmu/u" + i / STREAMS_PER_UPMU, Map.of("name", "c" + i % 15), Map.of());
        }
    }

    /** One flush: each live stream's samples since the last one, in inserts of at least 512 streams. */
    private List<Future<?>> flushLive(
            TimeSeriesStoreImpl store, ExecutorService inserters, long start, long sent, int perFlush) {
        long period = 1_000_000_000L / liveHz;
        long first = start + sent * period;
        long[] times = new long[perFlush];
        double[] values = new double[perFlush];
        for (int k = 0; k < perFlush; k++) {
            times[k] = first + k * period;
            values[k] = Math.sin((sent + k) * 0.01);
        }
        int inserts = Math.max(1, Math.min(INSERT_THREADS, liveStreams / MIN_STREAMS_PER_INSERT));
        List<Future<?>> out = new ArrayList<>();
        for (int part = 0; part < inserts; part++) {
            int from = liveStreams * part / inserts;
            int to = liveStreams * (part + 1) / inserts;
            out.add(inserters.submit(() -> {
                List<StreamBatch> batches = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    batches.add(StreamBatch.of(live[i], times, values, MergePolicy.NEVER));
                }
                timed(() -> store.insertAll(batches));
                liveInserts.incrementAndGet();
                points.addAndGet((long) (to - from) * perFlush);
                return null;
            }));
        }
        return out;
    }

    /** One uPMU file: {@value #STREAMS_PER_UPMU} streams, {@code fileSeconds} of 120 Hz each, in one insert. */
    private Void insertFile(TimeSeriesStoreImpl store, int device, long fileStart) throws Exception {
        int n = fileSeconds * upmuHz;
        long period = 1_000_000_000L / upmuHz;
        List<StreamBatch> batches = new ArrayList<>();
        for (int c = 0; c < STREAMS_PER_UPMU && device * STREAMS_PER_UPMU + c < upmuStreams; c++) {
            long[] t = new long[n];
            double[] v = new double[n];
            for (int k = 0; k < n; k++) {
                t[k] = fileStart + k * period;
                v[k] = 120 + Math.sin(k * 0.05 + c);
            }
            batches.add(StreamBatch.of(upmu[device * STREAMS_PER_UPMU + c], t, v, MergePolicy.NEVER));
        }
        timed(() -> store.insertAll(batches));
        points.addAndGet((long) n * batches.size());
        return null;
    }

    private interface Insert {
        void run() throws Exception;
    }

    private void timed(Insert insert) throws Exception {
        long t0 = System.nanoTime();
        insert.run();
        insertNanos.addAndGet(System.nanoTime() - t0);
    }

    private static ThreadFactory named(String prefix) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU nanoseconds per native thread group of this process from {@code /proc/self/task} (Linux), which unlike the
     * thread bean also counts the JVM's own threads (garbage collection, JIT compilers); empty elsewhere.
     */
    private static Map<String, Long> nativeThreadCpu() {
        Map<String, Long> out = new TreeMap<>();
        File[] tasks = new File("/proc/self/task").listFiles();
        if (tasks == null) {
            return out;
        }
        for (File task : tasks) {
            try {
                String stat = Files.readString(task.toPath().resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                out.merge(name.replaceFirst("[-#\\d]+$", ""), ticks * 10_000_000L, Long::sum);
            } catch (IOException | RuntimeException e) {
                // the thread ended meanwhile
            }
        }
        return out;
    }

    /** CPU nanoseconds per thread group (the name without its trailing number). */
    private static Map<String, Long> threadCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new TreeMap<>();
        for (long id : mx.getAllThreadIds()) {
            var info = mx.getThreadInfo(id);
            long cpu = mx.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                out.merge(info.getThreadName().replaceFirst("[-\\d]+$", ""), cpu, Long::sum);
            }
        }
        return out;
    }

    private static void printGroups(int seconds, Map<String, Long> before, Map<String, Long> after) {
        after.forEach((group, cpu) -> {
            long delta = cpu - before.getOrDefault(group, 0L);
            if (delta > seconds * 1_000_000L) { // groups above 1 ms/s
                System.out.printf("  cpu_ms_per_s[%s]=%.0f%n", group, delta / 1e6 / seconds);
            }
        });
    }

    private void report(
            int seconds,
            long processCpu,
            Map<String, Long> before,
            Map<String, Long> after,
            long pts,
            long liveFlushInserts,
            long nanos,
            TimeSeriesStoreImpl store) {
        System.out.printf(
                "live_load streams=%d+%d flush_ms=%d seconds=%d%n", liveStreams, upmuStreams, flushMillis, seconds);
        System.out.printf("process_cpu_ms_per_s=%.0f%n", processCpu / 1e6 / seconds);
        printGroups(seconds, before, after);
        System.out.printf(
                "points_per_s=%d live_inserts_per_s=%.1f insert_ms_total_per_s=%.0f buffered_mb=%d%n",
                pts / seconds,
                (double) liveFlushInserts / seconds,
                nanos / 1e6 / seconds,
                store.bufferUsage().bufferedBytes() >> 20);
    }
}
