// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.store;

import io.qss.bench.peers.Disk;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.Version;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code ./qss bench store [--dir D] [--days N] [--insert-points N] [--threads N] [--codecs] [--cold]
 * [--skip-insert]}: prints one {@code name=value} line per figure. {@code --open-commits N[,N...]} and
 * {@code --windows-year HZ} run only the aged-store figures ({@link StoreAgeBench}). The N-day stream for the query
 * figures is built once in D/span-N and reused; the insert figure always uses a fresh store in D/insert, deleted
 * afterwards. {@code --cold} adds the first query after closing the store and dropping the page cache (root only).
 */
public final class StoreBenchMain {

    private static final UUID SPAN_STREAM = new UUID(0x5155, 1);
    private static final int[] BATCHES = {120, 1200, 12_000, 50_000};

    private StoreBenchMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path dir = Path.of(opts.getOrDefault("dir", "/tmp/qss-bench"));
        int days = Math.max(1, Integer.parseInt(opts.getOrDefault("days", "30")));
        long insertPoints = Long.parseLong(opts.getOrDefault("insert-points", "24000000"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "8"));
        if (opts.containsKey("open-commits") || opts.containsKey("windows-year")) {
            for (String n : opts.getOrDefault("open-commits", "").split(",")) {
                if (!n.isBlank()) {
                    StoreAgeBench.openTimes(dir, Long.parseLong(n.trim()));
                }
            }
            if (opts.containsKey("windows-year")) {
                StoreAgeBench.windowsOverYear(dir, Integer.parseInt(opts.get("windows-year")));
            }
            return;
        }
        if (opts.containsKey("codecs")) {
            CodecComparison.run();
        }
        if (!opts.containsKey("skip-insert")) {
            insertBench(dir.resolve("insert"), insertPoints, threads);
        }
        Path spanDir = dir.resolve("span-" + days + "d");
        long points = days * 86_400L * 120;
        ensureSpan(spanDir, points);
        queryBench(spanDir, points);
        if (opts.containsKey("cold")) {
            coldQuery(spanDir, points);
        }
        System.out.println("data_span=" + days + "d_120Hz_1stream_" + points + "pts");
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i].replaceFirst("^--", "");
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            out.put(key, hasValue ? args[++i] : "true");
        }
        return out;
    }

    /**
     * Many streams (two uPMUs' 12 channels), writer threads, mixed batch sizes, durable inserts. The data is
     * generated before the clock starts, so the figure is the store's alone.
     */
    private static void insertBench(Path dir, long totalPoints, int threads) throws Exception {
        deleteTree(dir);
        int streams = 24;
        int perStream = (int) (totalPoints / streams);
        long[][] times = new long[streams][perStream];
        double[][] values = new double[streams][perStream];
        for (int s = 0; s < streams; s++) {
            new UpmuSignal(UpmuSignal.Kind.values()[s % 4], s).fill(0, perStream, times[s], values[s]);
        }
        AtomicLong inserted = new AtomicLong();
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults())) {
            UUID[] ids = new UUID[streams];
            for (int s = 0; s < streams; s++) {
                ids[s] = new UUID(0x1115, s);
                store.create(ids[s], "bench/upmu" + (s / 12) + "/ch" + (s % 12), Map.of(), Map.of());
            }
            long start = System.nanoTime();
            Thread[] workers = new Thread[threads];
            for (int w = 0; w < threads; w++) {
                int worker = w;
                workers[w] = new Thread(() -> insertWorker(store, ids, times, values, worker, threads, inserted));
                workers[w].start();
            }
            for (Thread t : workers) {
                t.join();
            }
            for (UUID id : ids) {
                store.flush(id);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("insert_pts_per_s=%.0f%n", inserted.get() / seconds);
            System.out.println("insert_setup=" + streams + "streams_" + threads + "threads_batches"
                    + Arrays.toString(BATCHES).replace(" ", "") + "_" + inserted.get() + "pts_fsync_always");
        }
        deleteTree(dir);
    }

    private static void insertWorker(
            TimeSeriesStoreImpl store,
            UUID[] ids,
            long[][] times,
            double[][] values,
            int worker,
            int threads,
            AtomicLong inserted) {
        try {
            for (int s = worker; s < ids.length; s += threads) {
                int b = 0;
                for (int i = 0; i < times[s].length; ) {
                    int n = Math.min(BATCHES[b++ % BATCHES.length], times[s].length - i);
                    store.insert(ids[s], times[s], values[s], i, n, MergePolicy.NEVER);
                    i += n;
                    inserted.addAndGet(n);
                }
            }
        } catch (StoreException e) {
            throw new IllegalStateException("insert failed [worker=" + worker + "]", e);
        }
    }

    private static void ensureSpan(Path dir, long points) throws Exception {
        Path marker = dir.resolve("BUILT");
        if (Files.exists(marker)) {
            return;
        }
        deleteTree(dir);
        long start = System.nanoTime();
        StoreOptions options = StoreOptions.defaults().withWalSync(StoreOptions.WalSyncPolicy.PERIODIC, 1000);
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options)) {
            store.create(SPAN_STREAM, "bench/span", Map.of("name", "L1MAG"), Map.of());
            UpmuSignal signal = new UpmuSignal(UpmuSignal.Kind.VOLTAGE_MAGNITUDE, 1);
            long[] times = new long[50_000];
            double[] values = new double[50_000];
            for (long i = 0; i < points; i += 50_000) {
                int n = (int) Math.min(50_000, points - i);
                signal.fill(i, n, times, values);
                store.insert(SPAN_STREAM, times, values, 0, n, MergePolicy.NEVER);
            }
        }
        Files.writeString(marker, points + "\n");
        System.out.printf("span_build_s=%.1f%n", (System.nanoTime() - start) / 1e9);
    }

    private static void queryBench(Path dir, long points) throws Exception {
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults())) {
            long first = UpmuSignal.time(0);
            long end = UpmuSignal.time(points);
            int pw = 63 - Long.numberOfLeadingZeros((end - first) / 1000);
            long[] windows = new long[1];
            double best = Double.MAX_VALUE;
            for (int run = 0; run < 20; run++) {
                windows[0] = 0;
                long t0 = System.nanoTime();
                store.alignedWindows(SPAN_STREAM, first, end, pw, Version.LATEST, (t, min, mean, max, c) -> {
                    windows[0]++;
                    return true;
                });
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
            }
            System.out.printf("aligned_query_ms=%.2f%n", best);
            System.out.println("aligned_query_windows=" + windows[0] + "_pw" + pw);
            rawScan(store, first, end);
            long treeBytes = store.usage().perStreamBytes().get(SPAN_STREAM);
            long count = store.count(SPAN_STREAM, first, end, Version.LATEST);
            System.out.printf("bytes_per_point=%.3f%n", (double) treeBytes / count);
            System.out.printf(
                    "store_bytes_per_point_all_files=%.3f%n",
                    (double) store.usage().totalBytes() / count);
        }
    }

    /**
     * A restart with nothing cached: the store closed, the page cache dropped, then the open and the first aligned
     * windows query (the warm figure's query) timed apart.
     */
    private static void coldQuery(Path dir, long points) throws Exception {
        boolean isDropped = Disk.dropCaches();
        long t0 = System.nanoTime();
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults())) {
            long opened = System.nanoTime();
            long first = UpmuSignal.time(0);
            long end = UpmuSignal.time(points);
            int pw = 63 - Long.numberOfLeadingZeros((end - first) / 1000);
            long[] windows = new long[1];
            store.alignedWindows(SPAN_STREAM, first, end, pw, Version.LATEST, (t, min, mean, max, c) -> {
                windows[0]++;
                return true;
            });
            long done = System.nanoTime();
            System.out.println("cold_page_cache_dropped=" + isDropped);
            System.out.printf(
                    "cold_open_ms=%.1f%ncold_aligned_query_ms=%.2f%n", (opened - t0) / 1e6, (done - opened) / 1e6);
            System.out.println("cold_aligned_query_windows=" + windows[0] + "_pw" + pw);
        }
    }

    private static void rawScan(TimeSeriesStoreImpl store, long first, long end) throws StoreException {
        double best = 0;
        for (int run = 0; run < 3; run++) {
            double[] sum = new double[1];
            long[] n = new long[1];
            long t0 = System.nanoTime();
            store.rawValues(SPAN_STREAM, first, end, Version.LATEST, (t, v, from, to) -> {
                double s = 0;
                for (int i = from; i < to; i++) {
                    s += v[i] + t[i];
                }
                sum[0] += s;
                n[0] += to - from;
                return true;
            });
            best = Math.max(best, n[0] / ((System.nanoTime() - t0) / 1e9));
        }
        System.out.printf("raw_scan_pts_per_s=%.0f%n", best);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
