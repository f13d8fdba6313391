// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.store;

import java.util.SplittableRandom;

/**
 * Realistic uPMU-like channels at 120 Hz: sample i at T0 + round(i * 8,333,333.33 ns); values are float32 (what a
 * uPMU records) widened to double. Deterministic per seed, so a run can be repeated.
 */
public final class UpmuSignal {

    /** 2026-01-01T00:00:00Z in ns. */
    public static final long T0 = 1_767_225_600_000_000_000L;

    public static final double PERIOD_NS = 1e9 / 120;

    /** Kinds of channel a uPMU reports. */
    public enum Kind {
        VOLTAGE_MAGNITUDE,
        VOLTAGE_ANGLE,
        CURRENT_MAGNITUDE,
        CURRENT_ANGLE
    }

    private final Kind kind;
    private final SplittableRandom random;
    private double angle;

    public UpmuSignal(Kind kind, long seed) {
        this.kind = kind;
        this.random = new SplittableRandom(seed);
        this.angle = random.nextDouble(-180, 180);
    }

    public static long time(long i) {
        return T0 + Math.round(i * PERIOD_NS);
    }

    /** Fills samples [first, first + n) into the arrays from index 0. */
    public void fill(long first, int n, long[] times, double[] values) {
        for (int k = 0; k < n; k++) {
            long i = first + k;
            times[k] = time(i);
            values[k] = (float) next(i);
        }
    }

    private double next(long i) {
        double slow = Math.sin(i / (120.0 * 900));
        return switch (kind) {
            case VOLTAGE_MAGNITUDE -> 7200 + 15 * slow + gaussian(0.4);
            case CURRENT_MAGNITUDE -> 310 + 40 * slow + gaussian(0.3);
            case VOLTAGE_ANGLE, CURRENT_ANGLE -> {
                // Frequency off 60 Hz makes the angle drift and wrap at +-180 degrees.
                angle += 0.0125 * (1 + 0.2 * slow) + gaussian(0.002);
                if (angle >= 180) {
                    angle -= 360;
                }
                yield angle;
            }
        };
    }

    private double gaussian(double sigma) {
        double u = random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5;
        return u * 2 * sigma;
    }
}
