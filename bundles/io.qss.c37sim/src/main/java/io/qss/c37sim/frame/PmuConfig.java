// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

import java.util.List;

/**
 * One PMU's part of a configuration frame.
 *
 * @param station      station name, up to 16 ASCII characters
 * @param idcode       the PMU's data stream IDCODE (1..65534)
 * @param format       the data format of its data frame block
 * @param phasors      phasor channels
 * @param analogs      analog channels
 * @param digitalWords digital status words; word {@code w} bit {@code b} is named {@code <station-prefix>D<w>B<b>}
 * @param fnom         nominal frequency, 50 or 60 Hz
 * @param cfgcnt       configuration change count
 */
public record PmuConfig(
        String station,
        int idcode,
        DataFormat format,
        List<Phasor> phasors,
        List<Analog> analogs,
        int digitalWords,
        int fnom,
        int cfgcnt) {

    public PmuConfig {
        ChannelNames.check(station);
        phasors = List.copyOf(phasors);
        analogs = List.copyOf(analogs);
        if (idcode < 1
                || idcode > 0xFFFE
                || (fnom != 50 && fnom != 60)
                || digitalWords < 0
                || digitalWords > 64
                || phasors.size() > 512
                || analogs.size() > 512
                || cfgcnt < 0
                || cfgcnt > 0xFFFF) {
            throw new IllegalArgumentException("PMU configuration out of range [station=" + station + ", idcode="
                    + idcode + ", fnom=" + fnom + ", phasors=" + phasors.size() + ", analogs=" + analogs.size()
                    + ", digitalWords=" + digitalWords + ", cfgcnt=" + cfgcnt + "]");
        }
    }

    /** Name of bit {@code bit} (0 = least significant) of digital word {@code word}. */
    public String digitalName(int word, int bit) {
        return "D" + (word + 1) + "_" + bit;
    }

    /** Bytes of this PMU's block in a data frame. */
    public int dataBytes() {
        return format.dataBytes(phasors.size(), analogs.size(), digitalWords);
    }

    /** Bytes of this PMU's block in a CFG-1/CFG-2 frame. */
    int configBytes() {
        int names = phasors.size() + analogs.size() + 16 * digitalWords;
        return ChannelNames.LENGTH
                + 2
                + 2
                + 6
                + names * ChannelNames.LENGTH
                + 4 * (phasors.size() + analogs.size() + digitalWords)
                + 4;
    }

    /** This PMU with another configuration change count (what a configuration change does). */
    public PmuConfig withCfgcnt(int newCfgcnt) {
        return new PmuConfig(station, idcode, format, phasors, analogs, digitalWords, fnom, newCfgcnt & 0xFFFF);
    }
}
