// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * One CSV export. Immutable.
 *
 * @param streams the streams, in column order; never null, no null entries
 * @param labels one column label per stream; never null, same size as {@code streams}
 * @param start first time, ns since the Unix epoch (rounded down to a multiple of 2^pointWidth)
 * @param end end time (exclusive), ns since the Unix epoch
 * @param pointWidth window width exponent, 0..62
 * @param zone time zone of the human-readable {@code Time} column; never null
 */
public record DirectCsvRequest(List<UUID> streams, List<String> labels, long start, long end, int pointWidth,
        ZoneId zone) {

    public DirectCsvRequest {
        streams = List.copyOf(streams);
        labels = List.copyOf(labels);
        if (streams.size() != labels.size()) {
            throw new IllegalArgumentException("streams and labels differ in number [streams=" + streams.size()
                    + ", labels=" + labels.size() + "]");
        }
        if (pointWidth < 0 || pointWidth > 62) {
            throw new IllegalArgumentException("point width out of range [pointWidth=" + pointWidth + "]");
        }
    }
}
