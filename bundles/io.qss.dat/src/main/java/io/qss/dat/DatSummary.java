// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

import java.util.List;

/**
 * The outcome of one decode call.
 *
 * @param source          file name or caller-given label
 * @param bytes           bytes consumed from the input
 * @param records         valid records delivered to the handler
 * @param extendedRecords how many of those were extended
 * @param firstNanos      time of the first sample delivered, epoch ns; {@code Long.MIN_VALUE} when none
 * @param lastNanos       time of the last sample delivered, epoch ns; {@code Long.MIN_VALUE} when none
 * @param errors          per-record problems, in input order; never null
 */
public record DatSummary(
        String source,
        long bytes,
        long records,
        long extendedRecords,
        long firstNanos,
        long lastNanos,
        List<DatError> errors) {

    /** Samples delivered per stream: 120 per valid record. */
    public long samples() {
        return records * DatFormat.SAMPLES_PER_RECORD;
    }

    /** Whether the input decoded without any problem. */
    public boolean isClean() {
        return errors.isEmpty();
    }
}
