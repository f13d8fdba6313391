// SPDX-License-Identifier: Apache-2.0
package io.qss.query;

/**
 * Rounding of times to windows of 2^pointWidth ns, as every aligned query (BTrDB's and Mr. Plotter's) rounds them:
 * windows start at multiples of their width, counted from the epoch, also before 1970. Stateless.
 */
public final class PointWidths {

    private PointWidths() {}

    /** The start of the window holding {@code time}: rounded down (towards minus infinity). */
    public static long floor(long time, int pointWidth) {
        return (time >> pointWidth) << pointWidth;
    }

    /** {@code time} when it starts a window, else the start of the next window: rounded up. */
    public static long ceil(long time, int pointWidth) {
        long floor = floor(time, pointWidth);
        return floor == time ? time : floor + (1L << pointWidth);
    }
}
