// SPDX-License-Identifier: Apache-2.0
package io.qss.query;

import io.qss.store.api.RawPoint;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes multi-stream CSV (BTrDB 3.x, S3b layout), the one implementation behind REST's {@code /directcsv},
 * {@code /wrappedcsv}, {@code /alignedcsv} and the plotter's CSV export: header
 * {@code Time[ns],Time,<L>(cnt),<L>(min),<L>(mean),<L>(max)...},
 * one row per window from the start (aligned down to 2^pw, or exact windows of a width) until the end or until every
 * stream is exhausted; a stream without data in a window gets {@code ,,,,}. Header cells are escaped by
 * {@link CsvText#cell} (RFC 4180 quoting, formulas neutralised), since labels come from users. Works through the
 * range in chunks of {@value #CHUNK} windows, so memory stays bounded whatever the range. A null stream is a column
 * without data. The caller has already checked that the requester may read every non-null stream. One use per
 * request; not thread-safe; blocks on the store.
 */
public final class MultiStreamCsv {

    private static final int CHUNK = 4096;
    private static final String[] STATISTICS = {"(cnt)", "(min)", "(mean)", "(max)"};
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final TimeSeriesStore store;
    private final DateTimeFormatter timeColumn;
    private final CsvExport request;
    private final List<UUID> streams;
    private final long first;
    private final long step;
    private long[][] counts;
    private double[][] stats;

    public MultiStreamCsv(TimeSeriesStore store, CsvExport request) {
        this.store = store;
        this.timeColumn = LOCAL.withZone(request.zone());
        this.request = request;
        this.streams = request.streams();
        boolean isAligned = request.pointWidth() >= 0;
        this.step = isAligned ? 1L << request.pointWidth() : request.windowWidth();
        this.first = isAligned ? PointWidths.floor(request.start(), request.pointWidth()) : request.start();
    }

    /**
     * The export with a null column for every stream the store does not know (never created, or obliterated), as
     * {@code /directcsv} writes one: an empty column rather than a failure.
     */
    public static CsvExport withoutUnknownStreams(TimeSeriesStore store, CsvExport request) {
        List<UUID> known = new ArrayList<>(request.streams().size());
        for (UUID uuid : request.streams()) {
            known.add(uuid != null && store.stream(uuid).isPresent() ? uuid : null);
        }
        return request.withStreams(known);
    }

    /** Writes header and rows, latest version of each stream, up to {@link #effectiveEnd}; returns the rows. */
    public long writeLatest(Writer out) throws StoreException, IOException {
        long end = effectiveEnd(Version.LATEST);
        write(out, end);
        return rowsUntil(end);
    }

    /** The end of the rows: the request's end, or just after the last point of any stream when that is earlier. */
    public long effectiveEnd(long version) throws StoreException {
        long last = Long.MIN_VALUE;
        for (UUID uuid : streams) {
            if (uuid != null) {
                Optional<RawPoint> latest = store.latest(uuid, version);
                if (latest.isPresent()) {
                    last = Math.max(last, latest.get().time());
                }
            }
        }
        return last == Long.MIN_VALUE ? first : Math.min(requestedEnd(), last + 1);
    }

    /** The end of the rows the request asks for, whatever the data: its end rounded down to a window boundary. */
    public long requestedEnd() {
        return request.pointWidth() >= 0
                ? PointWidths.floor(request.end(), request.pointWidth())
                : request.start() + (request.end() - request.start()) / step * step;
    }

    /** Number of rows up to {@code end}; {@link Long#MAX_VALUE} when that does not fit in a long. */
    public long rowsUntil(long end) {
        if (end <= first) {
            return 0;
        }
        // end - first can exceed Long.MAX_VALUE (a range across the whole time line); unsigned it is exact.
        long rows = Long.divideUnsigned(end - first - 1, step) + 1;
        return rows <= 0 ? Long.MAX_VALUE : rows;
    }

    /** Writes the header and the rows before {@code end} to {@code out} (not closed). */
    public void write(Writer out, long end) throws IOException, StoreException {
        // Allocated here, not in the constructor, so that counting rows costs no buffers.
        counts = new long[streams.size()][CHUNK];
        stats = new double[streams.size()][CHUNK * 3];
        out.write("Time[ns],Time");
        for (String label : request.labels()) {
            for (String statistic : STATISTICS) {
                out.write(',');
                out.write(CsvText.cell(label + statistic));
            }
        }
        out.write('\n');
        for (long chunkStart = first; chunkStart < end; ) {
            long windows = Math.min(CHUNK, rowsUntil(end) - (chunkStart - first) / step);
            long chunkEnd = chunkStart + windows * step;
            load(chunkStart, chunkEnd);
            for (int w = 0; w < windows; w++) {
                row(out, chunkStart + w * step, w);
            }
            chunkStart = chunkEnd;
        }
    }

    private void load(long chunkStart, long chunkEnd) throws StoreException {
        for (int s = 0; s < streams.size(); s++) {
            long[] count = counts[s];
            double[] stat = stats[s];
            Arrays.fill(count, 0);
            UUID uuid = streams.get(s);
            if (uuid == null) {
                continue;
            }
            io.qss.store.api.StatConsumer into = (time, min, mean, max, n) -> {
                int w = (int) ((time - chunkStart) / step);
                count[w] = n;
                stat[3 * w] = min;
                stat[3 * w + 1] = mean;
                stat[3 * w + 2] = max;
                return true;
            };
            if (request.pointWidth() >= 0) {
                store.alignedWindows(uuid, chunkStart, chunkEnd, request.pointWidth(), Version.LATEST, into);
            } else {
                store.windows(uuid, chunkStart, chunkEnd, step, 0, Version.LATEST, into);
            }
        }
    }

    private void row(Writer out, long time, int w) throws IOException {
        StringBuilder line = new StringBuilder(64 + 48 * streams.size());
        line.append(time)
                .append(',')
                .append(timeColumn.format(Instant.ofEpochSecond(0, 0).plusNanos(time)));
        boolean hasData = false;
        for (int s = 0; s < streams.size(); s++) {
            hasData |= counts[s][w] > 0;
        }
        if (hasData) {
            for (int s = 0; s < streams.size(); s++) {
                long n = counts[s][w];
                if (n == 0) {
                    line.append(",,,,");
                    continue;
                }
                double[] stat = stats[s];
                line.append(',')
                        .append(n)
                        .append(',')
                        .append(GoFormat.fixed6(stat[3 * w]))
                        .append(',')
                        .append(GoFormat.fixed6(stat[3 * w + 1]))
                        .append(',')
                        .append(GoFormat.fixed6(stat[3 * w + 2]));
            }
        }
        out.write(line.append('\n').toString());
    }
}
