// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.sim.internal;

import java.util.Random;

/** Occasional voltage sags: a dip of 10-50 % on one phase or all three, lasting 6 to 60 samples. */
final class SagModel {
    private final Random random;
    private final double probability;
    private int remaining;
    private int delay;
    private int phaseMask;
    private double depth;

    SagModel(Random random, double probability) {
        this.random = random;
        this.probability = probability;
    }

    /** Called once per record: maybe schedules a sag starting somewhere within this second. */
    void maybeStart() {
        if (remaining == 0 && random.nextDouble() < probability) {
            delay = random.nextInt(120);
            remaining = 6 + random.nextInt(55);
            depth = 0.1 + random.nextDouble() * 0.4;
            phaseMask = random.nextBoolean() ? 0b111 : 1 << random.nextInt(3);
        }
    }

    /** Voltage multiplier of {@code phase} for the current sample. */
    double factor(int phase) {
        boolean isActive = remaining > 0 && delay == 0 && (phaseMask & (1 << phase)) != 0;
        return isActive ? 1 - depth : 1;
    }

    /** Moves to the next sample. */
    void advance() {
        if (delay > 0) {
            delay--;
        } else if (remaining > 0) {
            remaining--;
        }
    }
}
