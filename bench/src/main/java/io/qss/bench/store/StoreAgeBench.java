// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.store;

import io.qss.bench.peers.Disk;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.WriterLease;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.codec.ByteSource;
import io.qss.store.internal.io.MetaRecord;
import io.qss.store.internal.io.RecordLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Figures of an aged store: open time against the number of commits in the metadata history, and 1,000 windows
 * over a year. Run through {@code ./qss bench store --open-commits 1000000,10000000} and
 * {@code ./qss bench store --windows-year HZ}.
 */
final class StoreAgeBench {

    private static final int STREAMS = 500;

    private StoreAgeBench() {}

    /**
     * Builds a store of 500 streams whose metadata log holds {@code commits} superblocks (the history of many small
     * commits, written straight into the log, each naming a real root block), then times opening it as it is
     * (every commit replayed, as before checkpoints existed), the checkpoint that folds it, and opening after.
     */
    static void openTimes(Path base, long commits) throws Exception {
        Path dir = base.resolve("aged-" + commits);
        StoreBenchMain.deleteTree(dir);
        UUID[] ids = new UUID[STREAMS];
        MetaRecord.Superblock[] heads = new MetaRecord.Superblock[STREAMS];
        long t0 = System.nanoTime();
        StoreOptions noCheckpoint = StoreOptions.defaults().withMetaCheckpointBytes(Long.MAX_VALUE);
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), noCheckpoint)) {
            for (int s = 0; s < STREAMS; s++) {
                ids[s] = new UUID(0xA6ED, s);
                store.create(ids[s], "bench/aged/" + s, Map.of("unit", "V"), Map.of());
                store.insert(
                        ids[s], new long[] {1_600_000_000_000_000_000L + s}, new double[] {s}, 0, 1, MergePolicy.NEVER);
                store.flush(ids[s]);
            }
        }
        long[] version = new long[STREAMS];
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), noCheckpoint)) {
            for (int s = 0; s < STREAMS; s++) {
                version[s] = store.version(ids[s]).major();
                heads[s] = headOf(dir, ids[s]);
            }
        }
        appendHistory(dir, heads, version, commits);
        System.out.printf("aged_build_s_%d=%.1f%n", commits, (System.nanoTime() - t0) / 1e9);
        System.out.printf("aged_meta_bytes_%d=%d%n", commits, Files.size(dir.resolve("meta.log")));

        System.out.printf("open_ms_full_replay_%d=%.0f%n", commits, timeOpen(dir, noCheckpoint));
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), noCheckpoint)) {
            long c0 = System.nanoTime();
            store.checkpointMetadata();
            System.out.printf("checkpoint_ms_%d=%.0f%n", commits, (System.nanoTime() - c0) / 1e6);
        }
        System.out.printf("open_ms_after_checkpoint_%d=%.0f%n", commits, timeOpen(dir, StoreOptions.defaults()));
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults())) {
            long old = 100 + commits / STREAMS / 2;
            long t = System.nanoTime();
            long n = store.count(ids[7], TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, old);
            System.out.printf(
                    "old_version_query_us_first_%d=%.0f (count=%d)%n", commits, (System.nanoTime() - t) / 1e3, n);
            t = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                store.count(ids[i % STREAMS], TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, old - i);
            }
            System.out.printf("old_version_query_us_warm_%d=%.1f%n", commits, (System.nanoTime() - t) / 1e3 / 1000);
            System.out.printf(
                    "store_bytes_after_checkpoint_%d=%d%n",
                    commits, store.usage().totalBytes());
        }
        StoreBenchMain.deleteTree(dir);
    }

    /** A stream's head superblock, read back from the log (the last one of the stream). */
    private static MetaRecord.Superblock headOf(Path dir, UUID id) throws StoreException, IOException {
        MetaRecord.Superblock[] head = {null};
        RecordLog.scan("meta.log", Files.readAllBytes(dir.resolve("meta.log")), (bytes, off, len, at) -> {
            if (MetaRecord.decode(new ByteSource(bytes, off, off + len)) instanceof MetaRecord.Superblock sb
                    && sb.stream().equals(id)) {
                head[0] = sb;
            }
        });
        return head[0];
    }

    /** Appends {@code commits} superblocks, round robin over the streams, each naming its stream's head tree. */
    private static void appendHistory(Path dir, MetaRecord.Superblock[] heads, long[] version, long commits)
            throws StoreException, IOException {
        try (StoreVolume volume = FileVolumes.open(dir);
                WriterLease lease = volume.acquireWriter("bench");
                RecordLog log = RecordLog.open(volume, "meta.log", Math.max(0, volume.length("meta.log")))) {
            List<ByteSink> batch = new ArrayList<>();
            for (long i = 0; i < commits; i++) {
                int s = (int) (i % STREAMS);
                ByteSink out = new ByteSink(64);
                MetaRecord.Superblock h = heads[s];
                new MetaRecord.Superblock(
                                h.stream(), ++version[s], h.rootAddress(), h.count(), h.walSeq(), h.treeBytes())
                        .encode(out);
                batch.add(out);
                if (batch.size() == 10_000) {
                    log.appendAll(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                log.appendAll(batch);
            }
            log.syncAll();
        }
    }

    private static double timeOpen(Path dir, StoreOptions options) throws StoreException {
        System.gc();
        long t = System.nanoTime();
        TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options);
        double ms = (System.nanoTime() - t) / 1e6;
        store.close();
        return ms;
    }

    /**
     * 1,000 dense windows over a year of one stream at {@code hz} points per second, warm (best of 200: the build machine is shared), exact
     * (depth 0) and at depth 30 (slots under ~1 s summarised).
     */
    static void windowsOverYear(Path base, int hz) throws Exception {
        Path dir = base.resolve("year-" + hz + "hz");
        UUID id = new UUID(0x7EA4, hz);
        long first = 1_600_000_000_000_000_000L;
        long step = 1_000_000_000L / hz;
        long points = 365L * 86_400 * hz;
        if (!Files.exists(dir.resolve("BUILT"))) {
            StoreBenchMain.deleteTree(dir);
            long t0 = System.nanoTime();
            StoreOptions options = StoreOptions.defaults().withWalSync(StoreOptions.WalSyncPolicy.PERIODIC, 1000);
            try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options)) {
                store.create(id, "bench/year", Map.of(), Map.of());
                long[] t = new long[50_000];
                double[] v = new double[50_000];
                for (long i = 0; i < points; i += t.length) {
                    int n = (int) Math.min(t.length, points - i);
                    for (int k = 0; k < n; k++) {
                        t[k] = first + (i + k) * step;
                        v[k] = 7200 + Math.sin((i + k) * 0.001) * 50;
                    }
                    store.insert(id, t, v, 0, n, MergePolicy.NEVER);
                }
            }
            Files.writeString(dir.resolve("BUILT"), points + "\n");
            System.out.printf("year_build_s=%.1f%n", (System.nanoTime() - t0) / 1e9);
        }
        long end = first + points * step;
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults())) {
            timeWindows(store, id, "1000_year_" + hz + "hz", first, end, (end - first) / 1000, 200);
            // many narrow windows, where a walk per window costs most: one-second windows over a week
            timeWindows(
                    store, id, "604800_week_" + hz + "hz", first, first + 7 * 86_400_000_000_000L, 1_000_000_000L, 5);
        }
        coldWindows(dir, id, "1000_year_" + hz + "hz", first, end, (end - first) / 1000);
    }

    /** The first exact query after closing the store and, as root, dropping the page cache; open time apart. */
    private static void coldWindows(Path dir, UUID id, String name, long first, long end, long width) throws Exception {
        boolean isDropped = Disk.dropCaches();
        long t0 = System.nanoTime();
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults())) {
            long opened = System.nanoTime();
            long[] windows = new long[1];
            store.windows(id, first, end, width, 0, Version.LATEST, (t, min, mean, max, c) -> {
                windows[0]++;
                return true;
            });
            long done = System.nanoTime();
            System.out.printf(
                    "windows_%s_cold_ms=%.2f (open_ms=%.1f, windows=%d, page_cache_dropped=%s)%n",
                    name, (done - opened) / 1e6, (opened - t0) / 1e6, windows[0], isDropped);
        }
    }

    private static void timeWindows(
            TimeSeriesStoreImpl store, UUID id, String name, long first, long end, long width, int runs)
            throws StoreException {
        for (int depth : new int[] {0, 30}) {
            double best = Double.MAX_VALUE;
            long[] seen = new long[2];
            for (int run = 0; run < runs; run++) {
                seen[0] = 0;
                seen[1] = 0;
                long t0 = System.nanoTime();
                store.windows(id, first, end, width, depth, Version.LATEST, (t, min, mean, max, c) -> {
                    seen[0]++;
                    seen[1] += c;
                    return true;
                });
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
            }
            System.out.printf(
                    "windows_%s_depth%d_ms=%.2f (windows=%d, points=%d)%n", name, depth, best, seen[0], seen[1]);
        }
    }
}
