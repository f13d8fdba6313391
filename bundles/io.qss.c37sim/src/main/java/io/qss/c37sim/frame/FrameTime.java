// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

/**
 * Frame time stamps: SOC plus FRACSEC, whose top byte holds the time-quality flags (leap second direction, occurred,
 * pending; 4-bit quality code) and whose low 24 bits count 1/TIME_BASE seconds.
 */
public final class FrameTime {
    private FrameTime() {}

    /** The fraction count of frame {@code index} (0..rate-1) of a second at {@code rate} frames/s. */
    public static int fraction(int index, int rate, int timeBase) {
        return (int) ((long) index * timeBase / rate);
    }

    /** The FRACSEC word of {@code fraction} with time-quality byte {@code quality}. */
    public static int fracsec(int fraction, int quality) {
        return (quality << 24) | (fraction & 0xFFFFFF);
    }

    /** The fraction count (low 24 bits) of a FRACSEC word. */
    public static int fractionOf(int fracsec) {
        return fracsec & 0xFFFFFF;
    }
}
