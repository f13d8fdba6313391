// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.model;

import io.qss.c37sim.frame.PmuConfig;
import io.qss.c37sim.frame.PmuSample;
import io.qss.c37sim.frame.PmuValues;
import java.util.SplittableRandom;

/**
 * Real-looking measurements of one PMU on a distribution feeder, a pure function of the time and a seed (so a test
 * can recompute what was sent): the frequency wanders around nominal (two slow sinusoids), the phasors rotate by the
 * integral of that deviation, three-phase voltages sit 120 degrees apart with a slow magnitude swing, currents lag
 * their voltage by a power-factor angle and follow a load cycle; analogs drift slowly; digital word bit 0 is a
 * closed breaker, bit 1 toggles every 10 s, the other bits are a fixed pattern. Immutable, thread-safe.
 */
public final class SignalModel {
    private static final double TWO_PI = 2 * Math.PI;
    private static final double PHASE_STEP = TWO_PI / 3;

    private final PmuConfig pmu;
    private final double freqAmplitude1;
    private final double freqPeriod1;
    private final double freqPhase1;
    private final double freqAmplitude2;
    private final double freqPeriod2;
    private final double freqPhase2;
    private final double angleOffset;
    private final double swingPhase;
    private final double loadPhase;
    private final double powerFactorAngle;
    private final int digitalPattern;
    /** Per phasor: whether it is a current (looked up once, not per sample). */
    private final boolean[] isCurrent;

    /** The model of {@code pmu}; every PMU of the same seed differs through its IDCODE. */
    public SignalModel(long seed, PmuConfig pmu) {
        this.pmu = pmu;
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + pmu.idcode());
        freqAmplitude1 = 0.01 + 0.02 * random.nextDouble();
        freqPeriod1 = 30 + 20 * random.nextDouble();
        freqPhase1 = TWO_PI * random.nextDouble();
        freqAmplitude2 = 0.002 + 0.004 * random.nextDouble();
        freqPeriod2 = 4 + 3 * random.nextDouble();
        freqPhase2 = TWO_PI * random.nextDouble();
        angleOffset = TWO_PI * random.nextDouble() - Math.PI;
        swingPhase = TWO_PI * random.nextDouble();
        loadPhase = TWO_PI * random.nextDouble();
        powerFactorAngle = 0.1 + 0.3 * random.nextDouble();
        digitalPattern = random.nextInt(0x4000) << 2;
        isCurrent = new boolean[pmu.phasors().size()];
        for (int i = 0; i < isCurrent.length; i++) {
            isCurrent[i] = pmu.phasors().get(i).isCurrent();
        }
    }

    public PmuConfig pmu() {
        return pmu;
    }

    /** The measurements at {@code soc + fraction / timeBase} seconds. */
    public PmuSample sample(long soc, int fraction, int timeBase) {
        PmuValues values = new PmuValues(pmu);
        sample(soc, fraction, timeBase, values);
        return values.toSample();
    }

    /**
     * Writes the measurements at {@code soc + fraction / timeBase} seconds into {@code into} (sized for this model's
     * PMU), STAT 0: the same values as {@link #sample(long, int, int)} without allocating.
     */
    public void sample(long soc, int fraction, int timeBase, PmuValues into) {
        double t = soc + (double) fraction / timeBase;
        double w1 = angle(t, freqPeriod1) + freqPhase1;
        double w2 = angle(t, freqPeriod2) + freqPhase2;
        double cos1 = Math.cos(w1);
        double cos2 = Math.cos(w2);
        into.stat = 0;
        into.freq = pmu.fnom() + freqAmplitude1 * Math.sin(w1) + freqAmplitude2 * Math.sin(w2);
        into.dfreq = freqAmplitude1 * TWO_PI / freqPeriod1 * cos1 + freqAmplitude2 * TWO_PI / freqPeriod2 * cos2;
        // the phase drift is 2*pi times the integral of the frequency deviation
        double drift = -freqAmplitude1 * freqPeriod1 * cos1 - freqAmplitude2 * freqPeriod2 * cos2;
        double swing = 1 + 0.01 * Math.sin(angle(t, 60) + swingPhase);
        double load = 0.6 + 0.2 * Math.sin(angle(t, 300) + loadPhase);
        for (int i = 0; i < isCurrent.length; i++) {
            double base = angleOffset + drift - PHASE_STEP * (i % 3);
            if (isCurrent[i]) {
                into.magnitude[i] = Channels.CURRENT_NOMINAL * load * (1 + 0.02 * (i % 3));
                into.angle[i] = wrap(base - powerFactorAngle);
            } else {
                into.magnitude[i] = Channels.VOLTAGE_NOMINAL * swing * (1 - 0.003 * (i % 3));
                into.angle[i] = wrap(base);
            }
        }
        double[] analog = into.analog;
        for (int i = 0; i < analog.length; i++) {
            analog[i] = Channels.analogBase(i) + Channels.analogBase(i) * 0.05 * Math.sin(angle(t, 600) + i);
        }
        int toggle = (int) (Math.floorDiv(soc, 10) & 1);
        int[] digital = into.digital;
        for (int i = 0; i < digital.length; i++) {
            digital[i] = ((digitalPattern ^ (i << 8)) | (toggle << 1) | 1) & 0xFFFF;
        }
    }

    /**
     * The angle of a rotation of {@code period} seconds at time {@code t}, in [0, 2 pi): reduced before the
     * trigonometry, whose argument reduction is slow for the 10^8 radians epoch seconds would give.
     */
    static double angle(double t, double period) {
        double cycles = t / period;
        return TWO_PI * (cycles - Math.floor(cycles));
    }

    /** {@code radians} in [-pi, pi). */
    static double wrap(double radians) {
        double r = (radians + Math.PI) % TWO_PI;
        return (r < 0 ? r + TWO_PI : r) - Math.PI;
    }
}
