// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

/**
 * A record as plain arrays, the input of {@link DatEncoder}. Arrays are held, not copied, so a producer may reuse
 * one instance for every record it encodes. Not thread-safe.
 *
 * @param intervalMillis float32 sample interval in ms as stored
 * @param timestamp      timestamp of sample 0
 * @param status         120 status words; any bit of 0xE0 marks the record extended
 * @param values         120 float32 per stream indexed by {@link DatStream#ordinal()}; the LSTATE entry is unused
 *                       (may be null) and extended entries may be null for a base record
 * @param pll            PLL debug block
 * @param gps            GPS debug block
 */
public record DatRecordData(
        float intervalMillis, DatTimestamp timestamp, int[] status, float[][] values, PllStats pll, GpsStats gps) {

    /** A zero-filled record with fresh arrays, base or extended layout, stamped at {@code timestamp}. */
    public static DatRecordData blank(DatTimestamp timestamp, boolean isExtended) {
        float[][] values = new float[DatStream.EXTENDED_COUNT][];
        for (DatStream stream : DatStream.streams(isExtended)) {
            values[stream.ordinal()] = stream.isStatus() ? null : new float[DatFormat.SAMPLES_PER_RECORD];
        }
        int[] status = new int[DatFormat.SAMPLES_PER_RECORD];
        return new DatRecordData(
                DatFormat.NOMINAL_INTERVAL_MILLIS,
                timestamp,
                status,
                values,
                new PllStats(0, 0, 0, 0),
                new GpsStats(0, 0, 0, 0, 0, 0, 0));
    }

    /** Whether the status words mark this record extended (the decoder's detection rule). */
    public boolean isExtended() {
        for (int word : status) {
            if ((word & DatFormat.EXTENDED_STATUS_MASK) != 0) {
                return true;
            }
        }
        return false;
    }

    /** A copy with another timestamp, sharing the arrays. */
    public DatRecordData withTimestamp(DatTimestamp newTimestamp) {
        return new DatRecordData(intervalMillis, newTimestamp, status, values, pll, gps);
    }

    /** A copy with another interval, sharing the arrays. */
    public DatRecordData withIntervalMillis(float newInterval) {
        return new DatRecordData(newInterval, timestamp, status, values, pll, gps);
    }
}
