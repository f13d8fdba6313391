// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ChangedRange;
import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StatPoint;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamInfo;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreSemanticsTest {

    @TempDir
    Path dir;

    private TimeSeriesStoreImpl store;

    /** Where the store lives (a directory here; subclasses run the same tests on other backends). */
    protected String volumeSpec() {
        return TestVolumes.file(dir);
    }

    private final UUID id = UUID.randomUUID();

    @BeforeEach
    void open() throws StoreException {
        store = TimeSeriesStoreImpl.open(
                TestVolumes.open(volumeSpec()), StoreOptions.defaults().withCommit(100_000, 3_600_000));
        store.create(id, "sensors/a", Map.of("name", "v1", "unit", "V"), Map.of("site", "x"));
    }

    @AfterEach
    void close() throws StoreException {
        store.close();
    }

    private void insert(MergePolicy policy, long[] t, double... v) throws StoreException {
        store.insert(id, t, v, 0, t.length, policy);
    }

    private List<RawPoint> all() throws StoreException {
        return Collect.raw(store, id, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, Version.LATEST);
    }

    private static List<RawPoint> points(long... tv) {
        RawPoint[] out = new RawPoint[tv.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = new RawPoint(tv[2 * i], tv[2 * i + 1]);
        }
        return List.of(out);
    }

    @Test
    void givenDuplicates_whenMergeNever_thenAllKeptStoredFirst() throws StoreException {
        insert(MergePolicy.NEVER, new long[] {1, 2}, 10, 20);
        store.flush(id);
        insert(MergePolicy.NEVER, new long[] {2, 2}, 21, 22);
        assertEquals(points(1, 10, 2, 20, 2, 21, 2, 22), all());
    }

    @Test
    void givenDuplicates_whenMergeEqual_thenIdenticalPairsDropped() throws StoreException {
        insert(MergePolicy.NEVER, new long[] {1, 2}, 10, 20);
        store.flush(id);
        insert(MergePolicy.EQUAL, new long[] {1, 2, 2}, 10, 21, 21);
        assertEquals(points(1, 10, 2, 20, 2, 21), all());
    }

    @Test
    void givenDuplicates_whenMergeRetain_thenOldValueKept() throws StoreException {
        insert(MergePolicy.NEVER, new long[] {1}, 10);
        insert(MergePolicy.RETAIN, new long[] {1, 3, 3}, 11, 30, 31);
        assertEquals(points(1, 10, 3, 30), all());
    }

    @Test
    void givenDuplicates_whenMergeReplace_thenLastNewValueWins() throws StoreException {
        insert(MergePolicy.NEVER, new long[] {1, 1, 2}, 10, 11, 20);
        store.flush(id);
        insert(MergePolicy.REPLACE, new long[] {1, 1}, 12, 13);
        assertEquals(points(1, 13, 2, 20), all());
    }

    @Test
    void givenBufferedPoints_whenQueriedAtLatest_thenVisibleAsMinorVersion() throws StoreException {
        insert(MergePolicy.NEVER, new long[] {5, 6}, 1, 2);
        assertEquals(new Version(Version.FIRST, 2), store.version(id));
        assertEquals(2, store.count(id, 0, 100, Version.LATEST));
        assertEquals(0, store.count(id, 0, 100, Version.FIRST));
        assertEquals(new Version(Version.FIRST + 1, 0), store.flush(id));
    }

    @Test
    void givenDelete_whenQueried_thenRangeGoneButOldVersionKeepsIt() throws StoreException {
        insert(MergePolicy.NEVER, new long[] {1, 2, 3, 4}, 1, 2, 3, 4);
        Version v = store.delete(id, 2, 4);
        assertEquals(Version.FIRST + 2, v.major());
        assertEquals(points(1, 1, 4, 4), all());
        assertEquals(4, store.count(id, 0, 10, Version.FIRST + 1));
    }

    @Test
    void givenPoints_whenNearest_thenForwardInclusiveBackwardExclusive() throws StoreException {
        insert(MergePolicy.NEVER, new long[] {10, 20}, 1, 2);
        assertEquals(Optional.of(new RawPoint(10, 1)), store.nearest(id, 10, false, 0));
        assertEquals(Optional.empty(), store.nearest(id, 10, true, 0));
        assertEquals(Optional.of(new RawPoint(10, 1)), store.nearest(id, 20, true, 0));
        assertEquals(Optional.empty(), store.nearest(id, 21, false, 0));
        assertEquals(Optional.of(new RawPoint(10, 1)), store.earliest(id, 0));
        assertEquals(Optional.of(new RawPoint(20, 2)), store.latest(id, 0));
    }

    @Test
    void givenGaps_whenWindows_thenHolesHaveCountZero() throws StoreException {
        insert(MergePolicy.NEVER, new long[] {0, 1, 25}, 1, 3, 5);
        List<StatPoint> w = Collect.windows(store, id, 0, 35, 10, 0);
        assertEquals(
                List.of(new StatPoint(0, 1, 2, 3, 2), new StatPoint(10, 0, 0, 0, 0), new StatPoint(20, 5, 5, 5, 1)), w);
    }

    @Test
    void givenGaps_whenAlignedWindows_thenEmptyWindowsOmittedAndBoundsRounded() throws StoreException {
        insert(MergePolicy.NEVER, new long[] {0, 1, 40, 70}, 1, 3, 5, 7);
        List<StatPoint> w = Collect.aligned(store, id, 3, 70, 4, 0);
        assertEquals(List.of(new StatPoint(0, 1, 2, 3, 2), new StatPoint(32, 5, 5, 5, 1)), w);
    }

    @Test
    void givenPointsAroundZero_whenAlignedWindowsAtTopPointWidths_thenEndRoundsDown() throws StoreException {
        insert(MergePolicy.NEVER, new long[] {-5, 5, 1L << 61}, 1, 2, 3);
        store.flush(id);
        // MAX_TIME (3 * 2^60) rounds down to 0 at pw 62 and 63, so only the window before 0 starts before end.
        for (int pw : new int[] {62, 63}) {
            List<StatPoint> w = Collect.aligned(store, id, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, pw, 0);
            assertEquals(List.of(new StatPoint(-(1L << pw), 1, 1, 1, 1)), w);
        }
        assertEquals(
                List.of(
                        new StatPoint(-(1L << 60), 1, 1, 1, 1),
                        new StatPoint(0, 2, 2, 2, 1),
                        new StatPoint(1L << 61, 3, 3, 3, 1)),
                Collect.aligned(store, id, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, 60, 0));
    }

    @Test
    void givenManyPoints_whenAlignedWindowsAfterCommit_thenSummariesMatchRaw() throws StoreException {
        int n = 100_000;
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_600_000_000_000_000_000L + Math.round(i * 8_333_333.33);
            v[i] = (float) (7200 + Math.sin(i / 100.0));
        }
        store.insert(id, t, v, 0, n, MergePolicy.NEVER);
        store.flush(id);
        List<RawPoint> raw = Collect.raw(store, id, t[0], t[n - 1] + 1, 0);
        Collect.assertStats(
                Collect.expectedAligned(raw, t[0], t[n - 1] + 1, 30),
                Collect.aligned(store, id, t[0], t[n - 1] + 1, 30, 0),
                "pw 30");
    }

    @Test
    void givenTwoCommits_whenChanges_thenOnlyTouchedRangeReported() throws StoreException {
        insert(MergePolicy.NEVER, new long[] {1_000_000}, 1);
        long v1 = store.flush(id).major();
        long later = (1L << 56) + 5;
        insert(MergePolicy.NEVER, new long[] {later}, 2);
        long v2 = store.flush(id).major();
        List<ChangedRange> ranges = store.changes(id, v1, v2, 20).ranges();
        assertTrue(ranges.stream().anyMatch(r -> r.start() <= later && later < r.end()));
        assertTrue(ranges.stream().noneMatch(r -> r.start() <= 1_000_000 && 1_000_000 < r.end()));
        assertThrows(StoreException.class, () -> store.changes(id, v2, v1, 20));
    }

    /** The delete lives only in the leaf's slot version; splitting that leaf later must not lose it. */
    @Test
    void givenPointDeleted_whenItsLeafSplitsLater_thenChangesStillCoverTheDelete() throws StoreException {
        long deleted = 1_000_000;
        // The kept point and the later ones fall into other slots of the core the leaf becomes.
        insert(MergePolicy.NEVER, new long[] {deleted, 500_000_000}, 1, 2);
        long before = store.flush(id).major();
        long afterDelete = store.delete(id, deleted, deleted + 1).major();
        long[] t = new long[1500];
        for (int i = 0; i < t.length; i++) {
            t[i] = 1_000_000_000L + i;
        }
        store.insert(id, t, new double[t.length], 0, t.length, MergePolicy.NEVER);
        long afterSplit = store.flush(id).major();
        store.close();
        store = TimeSeriesStoreImpl.open(
                TestVolumes.open(volumeSpec()), StoreOptions.defaults().withCommit(100_000, 3_600_000));

        for (int resolution : new int[] {0, 8, 20}) {
            List<ChangedRange> ranges =
                    store.changes(id, before, afterSplit, resolution).ranges();
            assertTrue(
                    ranges.stream().anyMatch(r -> r.start() <= deleted && deleted < r.end()),
                    "resolution=" + resolution + " ranges=" + ranges);
        }
        List<ChangedRange> sinceDelete =
                store.changes(id, afterDelete, afterSplit, 0).ranges();
        assertTrue(sinceDelete.stream().noneMatch(r -> r.start() <= deleted && deleted < r.end()), "" + sinceDelete);
    }

    @Test
    void givenAnnotations_whenStalePropertyVersion_thenCasFails() throws StoreException {
        long next = store.setAnnotations(id, 0, Map.of("owner", "ops"), Set.of("site"));
        assertEquals(1, next);
        StreamInfo info = store.stream(id).orElseThrow();
        assertEquals(Map.of("owner", "ops"), info.annotations());
        StoreException e = assertThrows(StoreException.class, () -> store.setAnnotations(id, 0, Map.of(), Set.of()));
        assertEquals(ErrorCode.ANNOTATION_VERSION_MISMATCH, e.code());
        assertEquals(2, store.setTags(id, 1, "sensors/b", Map.of("phase", "a"), Set.of()));
    }

    @Test
    void givenStreams_whenLookup_thenFiltersByPrefixTagsAndAnnotations() throws StoreException {
        UUID other = UUID.randomUUID();
        store.create(other, "sensors/b", Map.of("name", "i1"), Map.of());
        store.create(UUID.randomUUID(), "other", Map.of("name", "x"), Map.of());
        assertEquals(2, store.lookup("sensors/", true, Map.of(), Map.of()).size());
        assertEquals(
                List.of(other),
                store.lookup("sensors/", true, Map.of("name", "i1"), null).stream()
                        .map(StreamInfo::uuid)
                        .toList());
        assertEquals(
                1, store.lookup("sensors/a", false, null, Map.of("site", "x")).size());
        assertEquals(List.of("sensors/a", "sensors/b"), store.listCollections("sensors"));
        store.obliterate(other);
        assertTrue(store.stream(other).isEmpty());
        assertEquals(
                ErrorCode.REUSED_UUID,
                assertThrows(StoreException.class, () -> store.create(other, "sensors/b", Map.of(), Map.of()))
                        .code());
    }

    @Test
    void givenRenamesAndObliteration_whenLookedUpByCollection_thenFoundUnderTheCurrentOneAlsoAfterReopen()
            throws StoreException {
        UUID moved = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        store.create(moved, "sensors/a", Map.of("name", "m"), Map.of());
        store.create(gone, "sensors/ab", Map.of("name", "g"), Map.of());
        store.setTags(moved, 0, "sensors/c", Map.of(), Set.of());
        store.obliterate(gone);
        for (int round = 0; round < 2; round++) {
            assertEquals(List.of(id), uuids(store.lookup("sensors/a", false, null, null)), "round " + round);
            assertEquals(List.of(id), uuids(store.lookup("sensors/a", true, null, null)), "round " + round);
            assertEquals(List.of(moved), uuids(store.lookup("sensors/c", false, null, null)), "round " + round);
            assertEquals(2, store.lookup("sensors", true, null, null).size(), "round " + round);
            assertEquals(2, store.lookup(null, false, null, null).size(), "round " + round);
            assertEquals(List.of("sensors/a", "sensors/c"), store.listCollections("sensors/"), "round " + round);
            assertEquals(List.of("sensors/a", "sensors/c"), store.listCollections(""), "round " + round);
            store.close();
            store = TimeSeriesStoreImpl.open(
                    TestVolumes.open(volumeSpec()), StoreOptions.defaults().withCommit(100_000, 3_600_000));
        }
    }

    @Test
    void givenAnnotationChangesAndObliteration_whenLookedUpByAnnotation_thenFoundByTheCurrentValuesAlsoAfterReopen()
            throws StoreException {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        store.create(first, "dev/a", Map.of("name", "f"), Map.of("type", "pmu", "id", "7"));
        store.create(second, "dev/b", Map.of("name", "s"), Map.of("type", "pmu", "id", "7"));
        store.create(gone, "dev/a", Map.of("name", "g"), Map.of("type", "pmu", "id", "7"));
        store.setAnnotations(second, 0, Map.of("id", "8"), Set.of());
        store.obliterate(gone);
        for (int round = 0; round < 2; round++) {
            assertEquals(List.of(first), uuids(store.lookup("dev/", true, null, Map.of("id", "7"))), "round " + round);
            assertEquals(List.of(first), uuids(store.lookup(null, false, null, Map.of("id", "7"))), "round " + round);
            assertEquals(List.of(second), uuids(store.lookup("dev/", true, null, Map.of("type", "pmu", "id", "8"))));
            assertEquals(List.of(), uuids(store.lookup("dev/a", false, null, Map.of("id", "8"))), "round " + round);
            assertEquals(
                    2, store.lookup("dev/", true, null, Map.of("type", "pmu")).size(), "round " + round);
            store.close();
            store = TimeSeriesStoreImpl.open(
                    TestVolumes.open(volumeSpec()), StoreOptions.defaults().withCommit(100_000, 3_600_000));
        }
    }

    private static List<UUID> uuids(List<StreamInfo> infos) {
        return infos.stream().map(StreamInfo::uuid).toList();
    }

    @Test
    void givenBadInput_whenInsert_thenClearErrors() {
        assertEquals(
                ErrorCode.BAD_VALUE,
                assertThrows(StoreException.class, () -> insert(MergePolicy.NEVER, new long[] {1}, Double.NaN))
                        .code());
        assertEquals(
                ErrorCode.INVALID_TIME_RANGE,
                assertThrows(
                                StoreException.class,
                                () -> insert(MergePolicy.NEVER, new long[] {TimeSeriesStore.MAX_TIME}, 1))
                        .code());
        assertEquals(
                ErrorCode.NO_SUCH_STREAM,
                assertThrows(
                                StoreException.class,
                                () -> store.insert(
                                        UUID.randomUUID(), new long[] {1}, new double[] {1}, 0, 1, MergePolicy.NEVER))
                        .code());
        assertEquals(
                ErrorCode.VERSION_NOT_AVAILABLE,
                assertThrows(StoreException.class, () -> store.count(id, 0, 1, 99))
                        .code());
    }

    @Test
    void givenInsertedData_whenReopened_thenBufferedPointsReplayedFromLog() throws StoreException {
        insert(MergePolicy.NEVER, new long[] {1, 2}, 1, 2);
        store.close();
        store = TimeSeriesStoreImpl.open(TestVolumes.open(volumeSpec()), StoreOptions.defaults());
        assertEquals(points(1, 1, 2, 2), all());
    }
}
