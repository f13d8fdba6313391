// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.server;

import io.qss.c37sim.frame.DataFormat;
import java.net.InetSocketAddress;

/**
 * What {@code qss-c37 simulate} simulates.
 *
 * @param pmus             number of PMUs
 * @param rate             frames per second, 1..240
 * @param listen           TCP address clients connect to
 * @param format           data format of every PMU
 * @param pmusPerPdc       0: one stream per PMU; else PDC streams of up to this many PMUs each
 * @param udpTarget        where to send spontaneous data over UDP, or null
 * @param phasors          phasors per PMU
 * @param analogs          analogs per PMU
 * @param digitals         digital words per PMU
 * @param idcodeBase       IDCODE of the first PMU (of the PDC in PDC mode; its PMUs follow)
 * @param version          frame version, 1 (2005) or 2 (2011)
 * @param timeBase         TIME_BASE
 * @param fnom             nominal frequency, 50 or 60 Hz
 * @param seed             seed of the signal model
 * @param cfgChangeSeconds every this many seconds the configuration changes (CFGCNT + 1, STAT bit 10), 0 never
 */
public record SimulatorOptions(
        int pmus,
        int rate,
        InetSocketAddress listen,
        DataFormat format,
        int pmusPerPdc,
        InetSocketAddress udpTarget,
        int phasors,
        int analogs,
        int digitals,
        int idcodeBase,
        int version,
        int timeBase,
        int fnom,
        long seed,
        int cfgChangeSeconds) {

    public SimulatorOptions {
        if (pmusPerPdc < 0
                || pmus < 1
                || rate < 1
                || rate > 240
                || phasors < 0
                || analogs < 0
                || digitals < 0
                || idcodeBase < 1
                || idcodeBase + pmus + pdcStreams(pmus, pmusPerPdc) > 0xFFFF
                || cfgChangeSeconds < 0) {
            throw new IllegalArgumentException("simulator options out of range [pmus=" + pmus + ", rate=" + rate
                    + ", pmusPerPdc=" + pmusPerPdc + ", idcodeBase=" + idcodeBase + ", phasors=" + phasors
                    + ", analogs=" + analogs + ", digitals="
                    + digitals + ", cfgChangeSeconds=" + cfgChangeSeconds + "]");
        }
    }

    /** Whether the PMUs are blocks of PDC streams. */
    public boolean isPdc() {
        return pmusPerPdc > 0;
    }

    /** Number of PDC streams, 0 without PDCs. */
    public int pdcStreams() {
        return pdcStreams(pmus, pmusPerPdc);
    }

    private static int pdcStreams(int pmus, int pmusPerPdc) {
        return pmusPerPdc <= 0 ? 0 : (pmus + pmusPerPdc - 1) / pmusPerPdc;
    }

    /** The defaults of the command line: 1 PMU, 60 frames/s, port 4712, integer polar, 4 phasors, 2 analogs, 1 word. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(
                1, 60, new InetSocketAddress(4712), DataFormat.INT_POLAR, 0, null, 4, 2, 1, 1, 2, 1_000_000, 60, 1, 0);
    }
}
