// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.tree;

/**
 * Where nodes sit in time (BTrDB geometry): the root has point width 56 and starts at -(2^60), so its 64 slots of
 * 2^56 ns cover exactly [MIN_TIME, MAX_TIME). Each level down the point width drops by 6: 56, 50, ..., 8, 2. A node
 * at point width 2 (256 ns) cannot split, so its leaf may exceed the leaf capacity instead of dropping points.
 */
public final class TreeGeometry {

    public static final int FANOUT = 64;
    public static final int ROOT_PW = 56;
    public static final long ROOT_START = -(1L << 60);
    public static final int MIN_CORE_PW = 8;

    private TreeGeometry() {}

    public static int childPw(int pw) {
        return pw - 6;
    }

    public static boolean canSplit(int pw) {
        return pw >= MIN_CORE_PW;
    }

    public static long slotStart(long nodeStart, int pw, int slot) {
        return nodeStart + ((long) slot << pw);
    }

    /** Slot index of t within a node; t must lie inside the node. */
    public static int slotOf(long nodeStart, int pw, long t) {
        return (int) ((t - nodeStart) >>> pw);
    }
}
