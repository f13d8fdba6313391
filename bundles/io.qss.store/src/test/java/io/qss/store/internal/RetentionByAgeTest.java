// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.CompactionResult;
import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import io.qss.store.file.FileVolumes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention by age ({@code retention.days}): compaction drops the versions committed more than N days before it,
 * always keeps the latest and the buffered points, combines with {@code retention.versions} (a version goes when
 * either rule drops it), and reads commit times that went through reopening and checkpoints. Versions of a format 2
 * store have no time and stay until a later version ages out. The wall clock is a test clock that jumps days.
 */
class RetentionByAgeTest {

    private static final long BASE = 1_600_000_000_000_000_000L;
    private static final UUID KEPT = new UUID(7, 1);
    private static final long DAY = 86_400_000L;
    /** Day 0 of the test clock. */
    private static final long T0 = 1_765_000_000_000L;

    @TempDir
    Path dir;

    private final SteppedClock clock = new SteppedClock(T0);

    /** 64 KiB block segments, so old versions' blocks fill segments of their own that compaction can free. */
    private static StoreOptions options(int days, int versions) {
        return StoreOptions.defaults()
                .withSegmentBytes(64L << 20, 64L << 10)
                .withLeafCapacity(64)
                .withRetentionDays(days)
                .withRetentionVersions(versions);
    }

    @Test
    void givenVersionsOfDay0And5_whenCompactedOnDay10KeepingSevenDays_thenDay0VersionsGoneTheRestIntactAndSpaceFreed()
            throws Exception {
        Map<Long, List<RawPoint>> all = new TreeMap<>();
        try (TimeSeriesStoreImpl store = open(options(7, 0))) {
            store.create(KEPT, "age/kept", Map.of(), Map.of());
            commitRounds(store, 0, 60, all); // versions 11..70 on day 0
            clock.set(T0 + 5 * DAY);
            commitRounds(store, 60, 20, all); // 71..90 on day 5
            clock.set(T0 + 10 * DAY);
            long before = store.usage().totalBytes();

            CompactionResult r = store.compact(0);

            // the creation version 10 and the sixty of day 0
            assertEquals(61, r.versionsExpired(), r.toString());
            assertTrue(r.bytesFreed() > before / 3, "day 0 versions held most blocks: " + r + ", before=" + before);
            assertRetained(store, all, 71);
        }
    }

    @Test
    void givenEveryVersionOlderThanTheLimit_whenCompacted_thenTheLatestAndTheBufferedPointsStay() throws Exception {
        Map<Long, List<RawPoint>> all = new TreeMap<>();
        try (TimeSeriesStoreImpl store = open(options(7, 0).withCommit(1_000_000, 3_600_000))) {
            store.create(KEPT, "age/kept", Map.of(), Map.of());
            commitRounds(store, 0, 10, all); // 11..20
            insertReplacing(store, 99, 20); // buffered, no commit
            clock.set(T0 + 100 * DAY);

            CompactionResult r = store.compact(0);

            assertEquals(10, r.versionsExpired(), r.toString());
            assertRetained(store, all, 20);
            assertEquals(20, store.version(KEPT).major());
            List<RawPoint> latest = Collect.raw(store, KEPT, BASE, BASE + (1L << 40), Version.LATEST);
            assertEquals(99 * 1000, latest.get(0).value(), "the buffered REPLACE is applied over version 20");
            assertEquals(300, latest.size());
        }
    }

    @Test
    void givenBothRules_whenCompacted_thenAVersionGoesWhenEitherDropsIt() throws Exception {
        Map<Long, List<RawPoint>> all = new TreeMap<>();
        try (TimeSeriesStoreImpl store = open(options(7, 30))) {
            store.create(KEPT, "age/kept", Map.of(), Map.of());
            commitRounds(store, 0, 20, all); // 11..30 on day 0
            clock.set(T0 + 5 * DAY);
            commitRounds(store, 20, 20, all); // 31..50 on day 5
            clock.set(T0 + 10 * DAY);

            // the age rule keeps 31..50, the count rule 21..50: the age rule drops more
            assertEquals(21, store.compact(0).versionsExpired());
            assertRetained(store, all, 31);
        }
        try (TimeSeriesStoreImpl store = open(options(7, 5))) {
            // now the count rule keeps 46..50, the age rule 31..50: the count rule drops more
            assertEquals(15, store.compact(0).versionsExpired());
            assertRetained(store, all, 46);
        }
    }

    /**
     * Day 0 versions go through a checkpoint (into the version runs; the last one is the head the checkpoint names)
     * and two reopens, day 5 ones through the metadata log's replay; the age rule still tells them apart.
     */
    @Test
    void givenTimesThroughCheckpointAndReopen_whenCompacted_thenTheyDecideAsBefore() throws Exception {
        Map<Long, List<RawPoint>> all = new TreeMap<>();
        try (TimeSeriesStoreImpl store = open(options(7, 0))) {
            store.create(KEPT, "age/kept", Map.of(), Map.of());
            commitRounds(store, 0, 20, all); // 11..30 on day 0
            store.checkpointMetadata();
        }
        clock.set(T0 + 5 * DAY);
        try (TimeSeriesStoreImpl store = open(options(7, 0))) {
            commitRounds(store, 20, 10, all); // 31..40 on day 5
        }
        clock.set(T0 + 10 * DAY);
        try (TimeSeriesStoreImpl store = open(options(7, 0))) {
            assertEquals(21, store.compact(0).versionsExpired());
            assertRetained(store, all, 31);
            store.checkpointMetadata();
        }
        clock.set(T0 + 12 * DAY);
        try (TimeSeriesStoreImpl store = open(options(7, 0))) {
            assertRetained(store, all, 31);
            assertEquals(0, store.compact(0).versionsExpired(), "day 5 versions are exactly 7 days old, not more");
            clock.set(T0 + 12 * DAY + 1);
            assertEquals(9, store.compact(0).versionsExpired(), "a millisecond later all but the head go");
            assertRetained(store, all, 40);
        }
    }

    /**
     * A format 2 store recorded no commit times: the age rule keeps its versions, however far the clock is. Once a
     * version committed since has aged past the limit, the older ones go with it (they were committed before it).
     */
    @Test
    void givenFormat2Store_whenCompactedByAge_thenEveryVersionStaysUntilALaterOneAges() throws Exception {
        GoldenStoreV1Test.copyTree(
                Path.of(RetentionByAgeTest.class
                                .getResource("/golden-store-v2/FORMAT")
                                .toURI())
                        .getParent(),
                dir);
        UUID feeder = GoldenStoreV2Writer.FEEDER;
        UUID rolling = GoldenStoreV2Writer.ROLLING;
        StoreOptions options = options(1, 0).withCommit(1_000_000, 3_600_000);
        clock.set(T0 + 1000 * DAY);
        try (TimeSeriesStoreImpl store = open(options)) {
            assertEquals(
                    "qss-store-format=3",
                    Files.readString(dir.resolve("FORMAT")).trim());
            Map<Long, Long> feederCounts = counts(store, feeder, 16, 24);
            Map<Long, Long> rollingCounts = counts(store, rolling, 15, 22);

            assertEquals(0, store.compact(0).versionsExpired());

            assertEquals(feederCounts, counts(store, feeder, 16, 24));
            assertEquals(rollingCounts, counts(store, rolling, 15, 22));
            assertEquals(25, store.flush(feeder).major(), "the log tail committed with a time");
            clock.set(T0 + 1002 * DAY);
            store.delete(feeder, TimeSeriesStore.MIN_TIME, GoldenStoreV2Writer.feederTime(0));
            long head = store.version(feeder).major();

            assertEquals(25 - 16 + 1, store.compact(0).versionsExpired(), "16..25: 25 is two days old");

            for (long v = 16; v <= 25; v++) {
                long version = v;
                assertEquals(
                        ErrorCode.VERSION_NOT_AVAILABLE,
                        assertThrows(StoreException.class, () -> store.count(feeder, BASE, BASE + 1, version))
                                .code());
            }
            assertEquals(head, store.version(feeder).major());
            assertEquals(rollingCounts, counts(store, rolling, 15, 22), "rolling has no version with a time");
        }
    }

    private TimeSeriesStoreImpl open(StoreOptions options) throws StoreException {
        return TimeSeriesStoreImpl.open(FileVolumes.open(dir), options, clock);
    }

    private static Map<Long, Long> counts(TimeSeriesStoreImpl store, UUID id, long from, long to)
            throws StoreException {
        Map<Long, Long> counts = new TreeMap<>();
        for (long v = from; v <= to; v++) {
            counts.put(v, store.count(id, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, v));
        }
        return counts;
    }

    /** Commits {@code n} versions, each rewriting the same points (REPLACE), and records what each holds. */
    private static void commitRounds(TimeSeriesStoreImpl store, int first, int n, Map<Long, List<RawPoint>> all)
            throws StoreException {
        for (int round = first; round < first + n; round++) {
            insertReplacing(store, round, 300);
            long v = store.flush(KEPT).major();
            all.put(v, Collect.raw(store, KEPT, BASE, BASE + (1L << 40), v));
        }
    }

    /** Versions from {@code oldest} on answer as written; older ones fail with VERSION_NOT_AVAILABLE. */
    private static void assertRetained(TimeSeriesStoreImpl store, Map<Long, List<RawPoint>> all, long oldest)
            throws StoreException {
        for (Map.Entry<Long, List<RawPoint>> e : all.entrySet()) {
            long v = e.getKey();
            if (v >= oldest) {
                assertEquals(e.getValue(), Collect.raw(store, KEPT, BASE, BASE + (1L << 40), v), "version " + v);
            } else {
                assertEquals(
                        ErrorCode.VERSION_NOT_AVAILABLE,
                        assertThrows(StoreException.class, () -> store.count(KEPT, BASE, BASE + 1, v))
                                .code(),
                        "version " + v);
            }
        }
    }

    private static void insertReplacing(TimeSeriesStoreImpl store, int round, int n) throws StoreException {
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = BASE + i * 1_000_003L;
            v[i] = round * 1000 + i;
        }
        store.insert(KEPT, t, v, 0, n, MergePolicy.REPLACE);
    }
}
