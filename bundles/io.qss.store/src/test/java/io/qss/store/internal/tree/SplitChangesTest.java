// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.tree;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ChangedRange;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A delete recorded only in a leaf's slot version must survive the leaf being replaced by a core node (seed
 * 5891597156997 of ModelTest): the new core's empty slots used to carry version 0, so {@code changes()} skipped
 * the span of the deleted point.
 */
class SplitChangesTest {

    private static final int CAPACITY = 16;
    private static final long BASE = 1_500_000_000_000_000_000L;
    private static final long DELETED = BASE + 9565;

    @Test
    void givenPointDeletedFromLeaf_whenLeafSplitsLater_thenChangesStillCoverTheDelete() throws StoreException {
        Core v11 = insert(TreeWriter.emptyRoot(), 11, BASE + 100, DELETED, BASE + 12_000);
        Core v12 = writer(12).delete(v11, DELETED, DELETED + 1);
        Core v13 = insert(v12, 13, spread(BASE + 13_000, CAPACITY + 4));

        assertSplit(v13);
        assertCoveredAtEveryResolution(v13, 11);
        assertFalse(
                covers(new TreeReader(noLoads(), noLoads()).changes(v13, 12, 0), DELETED),
                "nothing changed at the deleted time after version 12");
    }

    @Test
    void givenSlotEmptiedByDelete_whenRefilledPastCapacity_thenChangesStillCoverTheDelete() throws StoreException {
        Core v11 = insert(TreeWriter.emptyRoot(), 11, DELETED);
        Core v12 = writer(12).delete(v11, DELETED, DELETED + 1);
        Core v13 = insert(v12, 13, spread(BASE + 13_000, CAPACITY + 4));

        assertSplit(v13);
        assertCoveredAtEveryResolution(v13, 11);
    }

    private static void assertSplit(Core root) throws StoreException {
        int slot = TreeGeometry.slotOf(root.start(), root.pw(), DELETED);
        assertTrue(root.child(slot, noLoads()) instanceof Core, "the scenario needs the leaf to have split");
    }

    private static void assertCoveredAtEveryResolution(Core root, long from) throws StoreException {
        TreeReader reader = new TreeReader(noLoads(), noLoads());
        for (int resolution = 0; resolution <= 20; resolution++) {
            List<ChangedRange> ranges = reader.changes(root, from, resolution);
            assertTrue(covers(ranges, DELETED), "resolution=" + resolution + " ranges=" + ranges);
        }
    }

    private static boolean covers(List<ChangedRange> ranges, long t) {
        return ranges.stream().anyMatch(r -> r.start() <= t && t < r.end());
    }

    private static Core insert(Core root, long version, long... times) throws StoreException {
        double[] values = new double[times.length];
        return writer(version).insert(root, times, values, 0, times.length, MergePolicy.NEVER);
    }

    private static long[] spread(long first, int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = first + 37L * i;
        }
        return t;
    }

    private static TreeWriter writer(long version) {
        return new TreeWriter(noLoads(), CAPACITY, version);
    }

    /** Every node here is still in memory (pending); loading one would mean the test is not what it claims. */
    private static NodeSource noLoads() {
        return address -> {
            throw new AssertionError("unexpected load of block " + address);
        };
    }
}
