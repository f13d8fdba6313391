// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

/**
 * The PLL debug block of a record (offset 6268).
 *
 * @param pllState         uint32 PLL state, widened to long
 * @param ppsPeriod        uint32 PPS period (device clock ticks), widened to long
 * @param currentError     int32 current error
 * @param centerFreqOffset int32 centre frequency offset
 */
public record PllStats(long pllState, long ppsPeriod, int currentError, int centerFreqOffset) {}
