// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

import java.util.List;

/**
 * A data stream's configuration: what a CFG-1/2 frame carries. One PMU for a PMU's stream, several for a PDC's.
 *
 * @param idcode   the stream's IDCODE (the PMU's own for a single PMU, the PDC's otherwise)
 * @param version  frame version: 1 = C37.118-2005, 2 = C37.118.2-2011
 * @param timeBase TIME_BASE: FRACSEC counts 1/timeBase seconds (1..2^24-1)
 * @param dataRate frames per second (1..240)
 * @param pmus     the PMUs, in data frame order
 */
public record StreamConfig(int idcode, int version, int timeBase, int dataRate, List<PmuConfig> pmus) {
    public StreamConfig {
        pmus = List.copyOf(pmus);
        if (idcode < 1
                || idcode > 0xFFFE
                || (version != 1 && version != 2)
                || timeBase < 1
                || timeBase > 0xFFFFFF
                || dataRate < 1
                || dataRate > 240
                || pmus.isEmpty()
                || pmus.size() > 0xFFFF) {
            throw new IllegalArgumentException("stream configuration out of range [idcode=" + idcode + ", version="
                    + version + ", timeBase=" + timeBase + ", dataRate=" + dataRate + ", pmus=" + pmus.size() + "]");
        }
        int size = dataFrameBytes(pmus);
        if (size > 0xFFFF) {
            throw new IllegalArgumentException("data frame larger than FRAMESIZE allows [idcode=" + idcode + ", pmus="
                    + pmus.size() + ", bytes=" + size + ", max=65535]");
        }
        int configSize = configFrameBytes(pmus);
        if (configSize > 0xFFFF) {
            throw new IllegalArgumentException("CFG-2 frame larger than FRAMESIZE allows; fewer PMUs per stream or "
                    + "fewer channels (16 names per digital word) [idcode=" + idcode + ", pmus=" + pmus.size()
                    + ", bytes=" + configSize + ", max=65535]");
        }
    }

    /** Bytes of one data frame of this stream, header and CRC included. */
    public int dataFrameBytes() {
        return dataFrameBytes(pmus);
    }

    private static int dataFrameBytes(List<PmuConfig> pmus) {
        int size = FrameEncoder.HEADER_BYTES + 2;
        for (PmuConfig pmu : pmus) {
            size += pmu.dataBytes();
        }
        return size;
    }

    /** Bytes of a CFG-1/CFG-2 frame of this stream. */
    public int configFrameBytes() {
        return configFrameBytes(pmus);
    }

    private static int configFrameBytes(List<PmuConfig> pmus) {
        int size = FrameEncoder.HEADER_BYTES + 6 + 2 + 2;
        for (PmuConfig pmu : pmus) {
            size += pmu.configBytes();
        }
        return size;
    }

    /** This stream with every PMU's CFGCNT increased by one. */
    public StreamConfig changed() {
        return new StreamConfig(
                idcode,
                version,
                timeBase,
                dataRate,
                pmus.stream().map(p -> p.withCfgcnt(p.cfgcnt() + 1)).toList());
    }
}
