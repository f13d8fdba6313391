// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

/**
 * One PMU's measurements at one instant, like {@link PmuSample} but mutable and sized once for a PMU's channels: a
 * sender that encodes thousands of frames a second fills the same one every tick instead of allocating a sample.
 * Not thread-safe.
 */
public final class PmuValues {
    /** Phasor magnitudes, V or A. */
    public final double[] magnitude;
    /** Phasor angles, radians in [-pi, pi]. */
    public final double[] angle;
    /** Analog values. */
    public final double[] analog;
    /** Digital words (16 bits each). */
    public final int[] digital;
    /** The STAT word. */
    public int stat;
    /** Frequency, Hz (absolute). */
    public double freq;
    /** Rate of change of frequency, Hz/s. */
    public double dfreq;

    /** Values for the channels of {@code pmu}. */
    public PmuValues(PmuConfig pmu) {
        magnitude = new double[pmu.phasors().size()];
        angle = new double[pmu.phasors().size()];
        analog = new double[pmu.analogs().size()];
        digital = new int[pmu.digitalWords()];
    }

    /** These values as an immutable-by-convention sample (the arrays are copied). */
    public PmuSample toSample() {
        return new PmuSample(stat, magnitude.clone(), angle.clone(), freq, dfreq, analog.clone(), digital.clone());
    }
}
