// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

/**
 * A PMU's FORMAT word: phasors polar or rectangular, phasors, analogs and FREQ/DFREQ as 16-bit integers or 32-bit
 * floats.
 */
public record DataFormat(boolean isPolar, boolean isPhasorFloat, boolean isAnalogFloat, boolean isFreqFloat) {

    /** Every field an integer, phasors polar. */
    public static final DataFormat INT_POLAR = new DataFormat(true, false, false, false);
    /** Every field a float, phasors polar. */
    public static final DataFormat FLOAT_POLAR = new DataFormat(true, true, true, true);

    /** The 16-bit FORMAT word (bit 0 polar, bit 1 phasors float, bit 2 analogs float, bit 3 FREQ/DFREQ float). */
    public int bits() {
        return (isPolar ? 1 : 0) | (isPhasorFloat ? 2 : 0) | (isAnalogFloat ? 4 : 0) | (isFreqFloat ? 8 : 0);
    }

    public static DataFormat ofBits(int bits) {
        return new DataFormat((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0);
    }

    /** Bytes one PMU's block takes in a data frame. */
    public int dataBytes(int phasors, int analogs, int digitals) {
        return 2
                + phasors * (isPhasorFloat ? 8 : 4)
                + 2 * (isFreqFloat ? 4 : 2)
                + analogs * (isAnalogFloat ? 4 : 2)
                + digitals * 2;
    }
}
