// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.sim;

/**
 * What a {@link SyntheticDat} generates.
 *
 * @param seed           seed; equal options give byte-identical output
 * @param isExtended     whether records are extended (19 streams) rather than base (13)
 * @param nominalVolts   line-to-neutral voltage magnitude, V (distribution level: about 7200)
 * @param nominalAmps    typical current magnitude, A; phases vary around it
 * @param sagProbability chance per record that a voltage sag starts, 0 to 1
 */
public record SyntheticDatOptions(
        long seed, boolean isExtended, double nominalVolts, double nominalAmps, double sagProbability) {

    /** Defaults: 7200 V, 150 A, a sag in about one record out of fifty. */
    public static SyntheticDatOptions of(long seed, boolean isExtended) {
        return new SyntheticDatOptions(seed, isExtended, 7200.0, 150.0, 0.02);
    }
}
