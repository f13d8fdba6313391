// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

/**
 * The integer encodings of C37.118 data frames: what a value becomes on the wire. Values beyond a field's range are
 * clamped to it (a real PMU saturates the same way).
 */
public final class Quantizer {
    private Quantizer() {}

    /** Polar magnitude: an unsigned 16-bit count of {@code step}. */
    public static int magnitude(double value, double step) {
        return clamp(Math.round(value / step), 0, 0xFFFF);
    }

    /** Polar angle: radians x 10^4 as a signed 16-bit integer. */
    public static int angle(double radians) {
        return clamp(Math.round(radians * 1e4), -31416, 31416);
    }

    /** Rectangular component: a signed 16-bit count of {@code step}. */
    public static int component(double value, double step) {
        return clamp(Math.round(value / step), Short.MIN_VALUE, Short.MAX_VALUE);
    }

    /** FREQ: deviation from nominal in mHz, signed 16-bit. */
    public static int freq(double hz, int fnom) {
        return clamp(Math.round((hz - fnom) * 1000), Short.MIN_VALUE, Short.MAX_VALUE);
    }

    /** DFREQ: ROCOF x 100 (Hz/s), signed 16-bit. */
    public static int dfreq(double hzPerSecond) {
        return clamp(Math.round(hzPerSecond * 100), Short.MIN_VALUE, Short.MAX_VALUE);
    }

    /** Analog: a signed 16-bit count of {@code step}. */
    public static int analog(double value, double step) {
        return component(value, step);
    }

    private static int clamp(long value, int min, int max) {
        return (int) Math.max(min, Math.min(max, value));
    }
}
