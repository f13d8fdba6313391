// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import java.util.List;

/**
 * One PMU block of a configuration frame.
 *
 * @param station station name, trimmed
 * @param idcode the PMU's data source id
 * @param format FORMAT: bit 0 polar, bit 1 phasors float, bit 2 analogs float, bit 3 FREQ/DFREQ float
 * @param nominalHz 50 or 60 (FNOM bit 0)
 * @param cfgcnt configuration change count
 */
public record PmuConfig(
        String station,
        int idcode,
        int format,
        List<PhasorChannel> phasors,
        List<AnalogChannel> analogs,
        List<DigitalWord> digitals,
        int nominalHz,
        int cfgcnt) {

    public PmuConfig {
        phasors = List.copyOf(phasors);
        analogs = List.copyOf(analogs);
        digitals = List.copyOf(digitals);
    }

    public boolean isPolar() {
        return (format & 1) != 0;
    }

    public boolean isPhasorFloat() {
        return (format & 2) != 0;
    }

    public boolean isAnalogFloat() {
        return (format & 4) != 0;
    }

    public boolean isFrequencyFloat() {
        return (format & 8) != 0;
    }

    /** Bytes of this PMU's block in a data frame: STAT, phasors, FREQ, DFREQ, analogs, digitals. */
    public int dataBlockSize() {
        return 2
                + phasors.size() * (isPhasorFloat() ? 8 : 4)
                + (isFrequencyFloat() ? 8 : 4)
                + analogs.size() * (isAnalogFloat() ? 4 : 2)
                + digitals.size() * 2;
    }
}
