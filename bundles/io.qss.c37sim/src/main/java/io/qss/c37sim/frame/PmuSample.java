// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

/**
 * One PMU's measurements at one instant, in engineering units, before the encoder quantizes them.
 *
 * @param stat      the STAT word
 * @param magnitude phasor magnitudes, V or A
 * @param angle     phasor angles, radians in [-pi, pi]
 * @param freq      frequency, Hz (absolute)
 * @param dfreq     rate of change of frequency, Hz/s
 * @param analog    analog values
 * @param digital   digital words (16 bits each)
 */
public record PmuSample(
        int stat, double[] magnitude, double[] angle, double freq, double dfreq, double[] analog, int[] digital) {}
