// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.codec.ByteSource;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A core node keeps only the slots from its first to its last child: every slot reads as it would from full arrays
 * (empty slots outside the range with their version), it encodes to the same bytes, and it edits like a full node.
 */
class CoreTest {

    private static final int N = TreeGeometry.FANOUT;
    private static final int PW = 38;
    private static final long START = 1L << 50;

    @Test
    void givenOneChildMidway_whenBuilt_thenEverySlotReadsAsInFullArrays() {
        Core core = stored(Core.empty(PW, START, 5), new int[] {40}, 9);

        for (int i = 0; i < N; i++) {
            assertEquals(i == 40 ? 3 : 0, core.slotCount(i), "count of slot " + i);
            assertEquals(i == 40 ? 1_000 + i : 0, core.slotAddress(i), "address of slot " + i);
            assertEquals(i == 40 ? 9 : 5, core.slotVersion(i), "version of slot " + i);
            assertEquals(i == 40 ? 1.0 : 0.0, core.slotMin(i), "min of slot " + i);
            assertEquals(i == 40 ? 3.0 : 0.0, core.slotMax(i), "max of slot " + i);
            assertEquals(i == 40, core.hasChild(i), "child of slot " + i);
            assertNull(core.pendingChild(i));
        }
        assertEquals(3, core.count());
        assertEquals(2.0, core.mean());
    }

    @Test
    void givenFewChildren_whenWeighed_thenTheCacheCountsOnlyTheirSlots() {
        Core one = stored(Core.empty(PW, START), new int[] {7}, 2);
        Core all = stored(Core.empty(PW, START), allSlots(), 2);

        assertTrue(one.weight() * 10 < all.weight(), "one child " + one.weight() + " vs 64 " + all.weight());
    }

    @Test
    void givenCompactCores_whenEncoded_thenBytesAreThoseOfTheSlotsAsFullArrays() {
        Core[] cores = {
            Core.empty(PW, START),
            Core.empty(PW, START, 11),
            stored(Core.empty(PW, START, 5), new int[] {40}, 9),
            stored(Core.empty(PW, START), new int[] {0, 63}, 4),
            stored(Core.empty(PW, START, 3), new int[] {10, 11, 12, 30}, 8),
            stored(Core.empty(PW, START), allSlots(), 2),
            unevenOutside()
        };
        for (Core core : cores) {
            byte[] bytes = encode(core);
            Core decoded = (Core) NodeCodec.decode(new ByteSource(bytes, 0, bytes.length));

            assertArrayEquals(expectedBytes(core), bytes);
            assertArrayEquals(bytes, encode(decoded));
            assertSameSlots(core, decoded);
        }
    }

    @Test
    void givenSlotsOutsideWithDifferentVersions_whenBuilt_thenEachKeepsItsVersion() {
        Core core = unevenOutside();

        assertEquals(3, core.slotVersion(0));
        assertEquals(7, core.slotVersion(63));
        assertEquals(6, core.slotVersion(30));
        assertEquals(0, core.slotVersion(31));
    }

    @Test
    void givenCompactCore_whenChildrenAddedOnBothSides_thenTheNewRangeHoldsAllAndTheOldNodeIsUnchanged() {
        Core before = stored(Core.empty(PW, START, 5), new int[] {40}, 9);
        Core.Editor editor = before.edit();
        Leaf left = leaf(4);
        editor.setPending(2, left, 12);
        editor.setStored(60, 6_000, leaf(5));
        Core after = editor.build();

        assertSame(left, after.pendingChild(2));
        assertEquals(12, after.slotVersion(2));
        assertEquals(5, after.slotVersion(60), "setStored keeps the slot's version");
        assertEquals(6_000, after.slotAddress(60));
        assertEquals(3, after.slotCount(40));
        assertEquals(5, after.slotVersion(41));
        assertEquals(3 + 4 + 5, after.count());
        assertTrue(after.hasPendingChildren());
        assertEquals(0, before.slotCount(2));
        assertEquals(0, before.slotCount(60));
        assertTrue(!before.hasPendingChildren());
    }

    @Test
    void givenCompactCore_whenAddressesReplaced_thenOnlyAddressesChange() {
        Core core = stored(Core.empty(PW, START, 5), new int[] {20, 21}, 9);
        long[] moved = new long[N];
        moved[20] = 77;
        moved[21] = 78;

        Core relocated = core.withAddresses(moved);

        assertEquals(77, relocated.slotAddress(20));
        assertEquals(78, relocated.slotAddress(21));
        for (int i = 0; i < N; i++) {
            assertEquals(core.slotVersion(i), relocated.slotVersion(i), "version of slot " + i);
            assertEquals(core.slotCount(i), relocated.slotCount(i), "count of slot " + i);
        }
    }

    /** Slot 0 empty at version 3, slot 63 empty at version 7, one child between: no single outside version. */
    private static Core unevenOutside() {
        Core.Editor editor = Core.empty(PW, START).edit();
        editor.setPending(0, null, 3);
        editor.setPending(63, null, 7);
        editor.setPending(30, leaf(2), 6);
        editor.setStored(30, 3_000, leaf(2));
        return editor.build();
    }

    private static Core stored(Core base, int[] slots, long version) {
        Core.Editor editor = base.edit();
        for (int slot : slots) {
            Leaf child = leaf(3);
            editor.setPending(slot, child, version);
            editor.setStored(slot, 1_000 + slot, child);
        }
        return editor.build();
    }

    /** A leaf of {@code n} points valued 1..n. */
    private static Leaf leaf(int n) {
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = START + i;
            values[i] = i + 1;
        }
        return new Leaf(times, values);
    }

    private static int[] allSlots() {
        int[] all = new int[N];
        Arrays.setAll(all, i -> i);
        return all;
    }

    private static byte[] encode(Core core) {
        ByteSink out = new ByteSink(1024);
        NodeCodec.encode(core, out);
        return Arrays.copyOf(out.array(), out.size());
    }

    /** The block format (docs/store-format.md) written out from the node's 64 slots as its accessors read them. */
    private static byte[] expectedBytes(Core core) {
        ByteSink out = new ByteSink(1024);
        out.putByte(NodeCodec.CORE);
        out.putByte(core.pw());
        out.putLong(core.start());
        long present = 0;
        long versioned = 0;
        for (int i = 0; i < N; i++) {
            present |= core.slotCount(i) > 0 ? 1L << i : 0;
            versioned |= core.slotVersion(i) != 0 ? 1L << i : 0;
        }
        out.putLong(present);
        out.putLong(versioned);
        for (int i = 0; i < N; i++) {
            if (core.slotVersion(i) != 0) {
                out.putVarLong(core.slotVersion(i));
            }
        }
        for (int i = 0; i < N; i++) {
            if (core.slotCount(i) > 0) {
                out.putVarLong(core.slotAddress(i));
                out.putVarLong(core.slotCount(i));
                out.putDouble(core.slotMin(i));
                out.putDouble(core.slotMean(i));
                out.putDouble(core.slotMax(i));
            }
        }
        return Arrays.copyOf(out.array(), out.size());
    }

    private static void assertSameSlots(Core expected, Core actual) {
        for (int i = 0; i < N; i++) {
            assertEquals(expected.slotCount(i), actual.slotCount(i), "count of slot " + i);
            assertEquals(expected.slotAddress(i), actual.slotAddress(i), "address of slot " + i);
            assertEquals(expected.slotVersion(i), actual.slotVersion(i), "version of slot " + i);
            assertEquals(expected.slotMean(i), actual.slotMean(i), "mean of slot " + i);
        }
    }
}
