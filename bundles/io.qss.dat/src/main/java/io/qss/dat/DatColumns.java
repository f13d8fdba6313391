// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

/**
 * A whole input decoded into columns: one time column and one value column per stream, all of length
 * {@link #size()}. In a file mixing base and extended records the extended columns hold NaN for samples of base
 * records; in a file without extended records they are null.
 *
 * @param summary the decode outcome, including per-record errors
 * @param size    number of samples per stream
 * @param times   sample times, epoch ns, length size
 * @param values  indexed by {@link DatStream#ordinal()}; extended entries null when no record was extended
 */
public record DatColumns(DatSummary summary, int size, long[] times, double[][] values) {

    /** Whether any record was extended, i.e. the extended columns exist. */
    public boolean hasExtended() {
        return values[DatStream.FUND_W.ordinal()] != null;
    }

    /** The column of {@code stream}; null for an extended stream when {@link #hasExtended()} is false. */
    public double[] values(DatStream stream) {
        return values[stream.ordinal()];
    }
}
