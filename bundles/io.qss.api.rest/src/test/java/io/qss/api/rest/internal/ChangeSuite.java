// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import static io.qss.api.rest.internal.TestData.DAY_START;
import static io.qss.api.rest.internal.TestData.PERIOD;
import static io.qss.api.rest.internal.TestData.RAW_END;
import static io.qss.api.rest.internal.TestData.RAW_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.api.rest.internal.QueryTransport.Operation;
import io.qss.store.api.ChangedRange;
import io.qss.store.api.Changes;
import io.qss.store.api.RawPoint;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Delete, versions and changed ranges in the shared suite, each test on a fresh copy of {@link TestData#L1MAG}. A
 * transport without delete gets its delete done in the store, so its queries at older versions are still tested.
 */
public abstract class ChangeSuite extends ErrorSuite {

    private static final long DELETE_START = RAW_START + 10 * PERIOD;
    private static final long DELETE_END = RAW_START + 20 * PERIOD;

    @Test
    void givenWriterKey_whenDeletingARange_thenExactlyThatRangeGoneAndVersionBumped() throws Exception {
        assume(Operation.DELETE);
        assume(Operation.VERSION);
        UUID uuid = TestData.copyOfL1mag(store());
        long before = transport().version(null, uuid);
        transport().delete(writerKey(), uuid, DELETE_START, DELETE_END);
        assertTrue(transport().version(null, uuid) > before, "version bumped");
        assertEquals(remaining(), transport().raw(null, uuid, RAW_START, RAW_END));
        assertEquals(
                TestData.DAY_POINTS,
                transport().raw(null, uuid, DAY_START, TestData.DAY_END).size());
    }

    @Test
    void givenDelete_whenQueriedAtTheVersionBefore_thenDeletedPointsStillThere() throws Exception {
        assume(Operation.VERSION);
        assume(Operation.RAW_AT_VERSION);
        UUID uuid = TestData.copyOfL1mag(store());
        long before = transport().version(null, uuid);
        long after = delete(uuid);
        assertEquals(
                QuerySuite.between(QuerySuite.l1mag(), RAW_START, RAW_END),
                transport().raw(null, uuid, RAW_START, RAW_END, before));
        assertEquals(remaining(), transport().raw(null, uuid, RAW_START, RAW_END, after));
        assertEquals(remaining(), transport().raw(null, uuid, RAW_START, RAW_END, 0));
    }

    @Test
    void givenDelete_whenChangesBetweenTheVersions_thenRangesCoverItAndNoneSinceTheLatest() throws Exception {
        assume(Operation.CHANGES);
        UUID uuid = TestData.copyOfL1mag(store());
        long before = store().version(uuid).major();
        long after = delete(uuid);
        for (int resolution : new int[] {0, 24, 36}) {
            Changes changes = transport().changes(null, uuid, before, after, resolution);
            assertEquals(store().changes(uuid, before, after, resolution), changes, "resolution " + resolution);
            assertEquals(after, changes.version());
            assertCovers(changes.ranges(), DELETE_START, DELETE_END);
            assertTrue(changes.ranges().stream().allMatch(r -> r.end() <= DAY_START), "day points untouched");
        }
        assertEquals(new Changes(after, List.of()), transport().changes(null, uuid, after, after, 0));
        assertEquals(new Changes(after, List.of()), transport().changes(null, uuid, after, 0, 0));
    }

    @Test
    void givenDenseStream_whenChangesAtTwoResolutions_thenWholeSlotsOfEachCoveringTheDelete() throws Exception {
        assume(Operation.CHANGES);
        UUID uuid = TestData.denseStream(store());
        long before = store().version(uuid).major();
        long start = RAW_START + 10_000 * PERIOD;
        long end = start + 10 * PERIOD;
        long after = store().delete(uuid, start, end).major();
        Changes fine = transport().changes(null, uuid, before, after, 32);
        Changes coarse = transport().changes(null, uuid, before, after, 44);
        assertEquals(store().changes(uuid, before, after, 32), fine);
        assertEquals(store().changes(uuid, before, after, 44), coarse);
        assertSlots(fine.ranges(), 32, start, end);
        assertSlots(coarse.ranges(), 44, start, end);
        assertTrue(width(fine.ranges()) <= 2L << 32, "at most two leaves of 2^32 ns changed: " + fine.ranges());
        fine.ranges().forEach(r -> assertCovers(coarse.ranges(), r.start(), r.end()));
    }

    /**
     * Resolutions on tree levels (56 - 6k): the walk stops there, so every range is made of whole 2^resolution
     * slots.
     */
    private static void assertSlots(List<ChangedRange> ranges, int resolution, long start, long end) {
        long mask = (1L << resolution) - 1;
        assertTrue(
                ranges.stream().allMatch(r -> (r.start() & mask) == 0 && (r.end() & mask) == 0),
                "whole 2^" + resolution + " slots: " + ranges);
        assertCovers(ranges, start, end);
    }

    private static long width(List<ChangedRange> ranges) {
        return ranges.stream().mapToLong(r -> r.end() - r.start()).sum();
    }

    /** Deletes the test range over the transport, or in the store when the transport cannot; the new version. */
    private long delete(UUID uuid) throws Exception {
        if (transport().supports(Operation.DELETE)) {
            transport().delete(writerKey(), uuid, DELETE_START, DELETE_END);
            return store().version(uuid).major();
        }
        return store().delete(uuid, DELETE_START, DELETE_END).major();
    }

    private static List<RawPoint> remaining() {
        return QuerySuite.between(QuerySuite.l1mag(), RAW_START, RAW_END).stream()
                .filter(p -> p.time() < DELETE_START || p.time() >= DELETE_END)
                .toList();
    }

    private static void assertCovers(List<ChangedRange> ranges, long start, long end) {
        assertTrue(
                ranges.stream().anyMatch(r -> r.start() <= start && r.end() >= end),
                "[" + start + ", " + end + ") within one of " + ranges);
    }
}
