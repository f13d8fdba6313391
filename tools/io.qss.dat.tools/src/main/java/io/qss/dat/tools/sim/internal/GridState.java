// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.sim.internal;

import java.util.Random;

/**
 * The slowly varying state of a simulated feeder: frequency, phasor rotation against the 60 Hz reference,
 * per-phase voltage and load. Confined to its generator's thread.
 */
final class GridState {
    private static final double NOMINAL_HZ = 60.0;

    private final Random random;
    private final double[] voltScale = new double[3];
    private final double[] amps = new double[3];
    private final double[] lagDegrees = new double[3];
    private final double nominalVolts;
    private final double nominalAmps;
    private double frequencyHz;
    private double secondStartHz;
    private double secondEndHz;
    private double referenceDegrees;
    private int sampleInSecond;

    GridState(Random random, double nominalVolts, double nominalAmps) {
        this.random = random;
        this.nominalVolts = nominalVolts;
        this.nominalAmps = nominalAmps;
        this.frequencyHz = NOMINAL_HZ + random.nextGaussian() * 0.01;
        this.secondEndHz = frequencyHz;
        this.referenceDegrees = random.nextDouble() * 360.0 - 180.0;
        for (int phase = 0; phase < 3; phase++) {
            voltScale[phase] = 1 + random.nextGaussian() * 0.01;
            amps[phase] = nominalAmps * (0.6 + random.nextDouble() * 0.8);
            lagDegrees[phase] = 10 + random.nextDouble() * 15;
        }
    }

    /** Picks this second's frequency target (mean-reverting walk) and lets voltages and loads wander. */
    void driftOneSecond() {
        secondStartHz = secondEndHz;
        double step = -0.05 * (secondStartHz - NOMINAL_HZ) + random.nextGaussian() * 0.002;
        secondEndHz = Math.max(59.9, Math.min(60.1, secondStartHz + step));
        for (int phase = 0; phase < 3; phase++) {
            voltScale[phase] += -0.02 * (voltScale[phase] - 1) + random.nextGaussian() * 5e-4;
            double target = nominalAmps;
            amps[phase] = Math.max(5, amps[phase] + 0.01 * (target - amps[phase]) + random.nextGaussian() * 0.5);
            lagDegrees[phase] = Math.max(3, Math.min(25, lagDegrees[phase] + random.nextGaussian() * 0.05));
        }
        sampleInSecond = 0;
    }

    /** Moves one sample forward: the phasors rotate by the deviation from 60 Hz. */
    void advanceSample(double dtSeconds) {
        frequencyHz = secondStartHz + (secondEndHz - secondStartHz) * (sampleInSecond++ * dtSeconds);
        referenceDegrees = (referenceDegrees + 360.0 * (frequencyHz - NOMINAL_HZ) * dtSeconds) % 360.0;
    }

    /** Lets time pass without samples (a gap between requested seconds). */
    void skipSeconds(long seconds) {
        referenceDegrees = (referenceDegrees + 360.0 * (secondEndHz - NOMINAL_HZ) * (seconds % 1_000_000)) % 360.0;
    }

    double frequencyHz() {
        return frequencyHz;
    }

    double secondMeanHz() {
        return (secondStartHz + secondEndHz) / 2;
    }

    double volts(int phase) {
        return nominalVolts * voltScale[phase];
    }

    double voltAngle(int phase) {
        return referenceDegrees - 120.0 * phase;
    }

    double amps(int phase) {
        return amps[phase];
    }

    double lagDegrees(int phase) {
        return lagDegrees[phase];
    }
}
