// SPDX-License-Identifier: Apache-2.0
package io.qss.query;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * One multi-stream CSV export: which streams, under which labels, over which range, in windows of 2^pointWidth ns
 * (aligned) or of {@code windowWidth} ns from the start (exact). Immutable.
 *
 * @param streams the streams, in column order; never null; a null entry is a column without data (a stream the
 *     caller may not read, or one the store does not know)
 * @param labels one column label per stream; never null, same size as {@code streams}
 * @param start first time, ns since the Unix epoch (aligned exports round it down to a multiple of 2^pointWidth)
 * @param end end time (exclusive), ns since the Unix epoch
 * @param pointWidth window width exponent, 0..62, or -1 for exact windows of {@code windowWidth}
 * @param windowWidth window width in ns when {@code pointWidth} is -1 (at least 1), else 0
 * @param zone time zone of the human-readable {@code Time} column; never null
 */
public record CsvExport(
        List<UUID> streams, List<String> labels, long start, long end, int pointWidth, long windowWidth, ZoneId zone) {

    public CsvExport {
        streams = Collections.unmodifiableList(new ArrayList<>(streams));
        labels = List.copyOf(labels);
        if (streams.size() != labels.size()) {
            throw new IllegalArgumentException("streams and labels differ in number [streams=" + streams.size()
                    + ", labels=" + labels.size() + "]");
        }
        if (pointWidth < -1 || pointWidth > 62) {
            throw new IllegalArgumentException("point width out of range [pointWidth=" + pointWidth + "]");
        }
        if (pointWidth == -1 ? windowWidth < 1 : windowWidth != 0) {
            throw new IllegalArgumentException("window width does not fit the point width [pointWidth=" + pointWidth
                    + ", windowWidth=" + windowWidth + "]");
        }
        if (zone == null) {
            throw new IllegalArgumentException("time zone missing");
        }
    }

    /** An export in windows of 2^pointWidth ns aligned to multiples of their width (the {@code /directcsv} way). */
    public static CsvExport aligned(
            List<UUID> streams, List<String> labels, long start, long end, int pointWidth, ZoneId zone) {
        return new CsvExport(streams, labels, start, end, pointWidth, 0, zone);
    }

    /** The same export with other streams in its columns (e.g. null for those that are not to be read). */
    public CsvExport withStreams(List<UUID> columns) {
        return new CsvExport(columns, labels, start, end, pointWidth, windowWidth, zone);
    }
}
