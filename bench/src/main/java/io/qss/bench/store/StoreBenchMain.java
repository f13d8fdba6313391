// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.store;

import io.qss.bench.peers.Disk;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.Version;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code ./qss bench store [--backend file|rados|both] [--dir D] [--ceph-conf C --pool P] [--days N]
 * [--insert-points N] [--threads N] [--codecs] [--cold] [--skip-insert]}: prints one {@code name=value} line per
 * figure ({@code <backend>.name=value} when {@code --backend} is given); {@code --failover} runs {@link FailoverBench}
 * instead. {@code --backend rados} keeps the stores in
 * RADOS namespaces: of a throw-away memstore cluster, or of pool P of the cluster that C names. {@code --open-commits N[,N...]} and
 * {@code --windows-year HZ} run only the aged-store figures ({@link StoreAgeBench}). The N-day stream for the query
 * figures is built once in D/span-N and reused; the insert figure always uses a fresh store in D/insert, deleted
 * afterwards. {@code --cold} adds the first query after closing the store and dropping the page cache (root only).
 */
public final class StoreBenchMain {

    private static final UUID SPAN_STREAM = new UUID(0x5155, 1);
    private static final int[] BATCHES = {120, 1200, 12_000, 50_000};

    private StoreBenchMain() {}

    /** Figure names start with this (the backend's name and a dot when {@code --backend} is given). */
    private static String prefix = "";

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path dir = Path.of(opts.getOrDefault("dir", "/tmp/qss-bench"));
        if (opts.containsKey("failover")) {
            FailoverBench.run(opts);
            return;
        }
        if (opts.containsKey("backend")) {
            String backend = opts.get("backend");
            if (!List.of("file", "rados", "both").contains(backend)) {
                throw new IllegalArgumentException("--backend must be file, rados or both [backend=" + backend + "]");
            }
            if (!backend.equals("rados")) {
                runOn(BenchBackend.file(dir), opts);
            }
            if (!backend.equals("file")) {
                try (BenchBackend rados = BenchBackend.rados(
                        opts.getOrDefault("ceph-conf", ""),
                        opts.getOrDefault("pool", "qss"),
                        opts.getOrDefault("client", "client.admin"))) {
                    runOn(rados, opts);
                }
            }
            return;
        }
        if (opts.containsKey("live")) {
            LiveLoadBench.run(dir, opts);
            return;
        }
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
        runOn(BenchBackend.file(dir), opts);
    }

    /** The insert, query and scan figures on one backend. */
    private static void runOn(BenchBackend backend, Map<String, String> opts) throws Exception {
        prefix = opts.containsKey("backend") ? backend.name() + "." : "";
        int days = Math.max(1, Integer.parseInt(opts.getOrDefault("days", "30")));
        long insertPoints = Long.parseLong(opts.getOrDefault("insert-points", "24000000"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "8"));
        if (!opts.containsKey("skip-insert")) {
            insertBench(backend, insertPoints, threads);
        }
        String span = "span-" + days + "d";
        long points = days * 86_400L * 120;
        ensureSpan(backend, span, points);
        queryBench(backend, span, points);
        if (opts.containsKey("cold") && backend.name().equals("file")) {
            coldQuery(backend, span, points);
        }
        print("data_span=" + days + "d_120Hz_1stream_" + points + "pts");
    }

    private static void print(String figure) {
        System.out.println(prefix + figure);
    }

    static Map<String, String> parse(String[] args) {
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
    private static void insertBench(BenchBackend backend, long totalPoints, int threads) throws Exception {
        backend.delete("insert");
        int streams = 24;
        int perStream = (int) (totalPoints / streams);
        long[][] times = new long[streams][perStream];
        double[][] values = new double[streams][perStream];
        for (int s = 0; s < streams; s++) {
            new UpmuSignal(UpmuSignal.Kind.values()[s % 4], s).fill(0, perStream, times[s], values[s]);
        }
        AtomicLong inserted = new AtomicLong();
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(backend.open("insert"), StoreOptions.defaults())) {
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
            print(String.format("insert_pts_per_s=%.0f", inserted.get() / seconds));
            print("insert_setup=" + streams + "streams_" + threads + "threads_batches"
                    + Arrays.toString(BATCHES).replace(" ", "") + "_" + inserted.get() + "pts_fsync_always");
        }
        backend.delete("insert");
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

    private static void ensureSpan(BenchBackend backend, String span, long points) throws Exception {
        if (backend.isBuilt(span)) {
            return;
        }
        backend.delete(span);
        long start = System.nanoTime();
        StoreOptions options = StoreOptions.defaults().withWalSync(StoreOptions.WalSyncPolicy.PERIODIC, 1000);
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(backend.open(span), options)) {
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
        backend.markBuilt(span, points + "\n");
        print(String.format("span_build_s=%.1f", (System.nanoTime() - start) / 1e9));
    }

    private static void queryBench(BenchBackend backend, String span, long points) throws Exception {
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(backend.open(span), StoreOptions.defaults())) {
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
            print(String.format("aligned_query_ms=%.2f", best));
            print("aligned_query_windows=" + windows[0] + "_pw" + pw);
            rawScan(store, first, end);
            long treeBytes = store.usage().perStreamBytes().get(SPAN_STREAM);
            long count = store.count(SPAN_STREAM, first, end, Version.LATEST);
            print(String.format("bytes_per_point=%.3f", (double) treeBytes / count));
            print(String.format(
                    "store_bytes_per_point_all_files=%.3f",
                    (double) store.usage().totalBytes() / count));
        }
    }

    /**
     * A restart with nothing cached: the store closed, the page cache dropped, then the open and the first aligned
     * windows query (the warm figure's query) timed apart.
     */
    private static void coldQuery(BenchBackend backend, String span, long points) throws Exception {
        boolean isDropped = Disk.dropCaches();
        long t0 = System.nanoTime();
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(backend.open(span), StoreOptions.defaults())) {
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
            print("cold_page_cache_dropped=" + isDropped);
            print(String.format("cold_open_ms=%.1f", (opened - t0) / 1e6));
            print(String.format("cold_aligned_query_ms=%.2f", (done - opened) / 1e6));
            print("cold_aligned_query_windows=" + windows[0] + "_pw" + pw);
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
        print(String.format("raw_scan_pts_per_s=%.0f", best));
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
