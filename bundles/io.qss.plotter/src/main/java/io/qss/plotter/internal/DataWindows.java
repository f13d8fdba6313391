// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import io.qss.query.PointWidths;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.UUID;

/**
 * The aligned windows of one stream over a range, as parallel arrays ready to be written column by column (the
 * page feeds them to uPlot as they are). Only windows holding points are kept. Not thread-safe; one per request.
 */
final class DataWindows {

    final long start;
    final long end;
    int size;
    long[] times = new long[256];
    double[] min = new double[256];
    double[] mean = new double[256];
    double[] max = new double[256];
    long[] count = new long[256];

    private DataWindows(long start, long end) {
        this.start = start;
        this.end = end;
    }

    /**
     * Queries windows of width 2^pointWidth from {@code start} rounded down to {@code end} rounded up (Mr. Plotter's
     * rounding), refusing ranges of more than {@code maxWindows} windows. The point width is already checked
     * ({@link Params#pointWidth}).
     */
    static DataWindows query(TimeSeriesStore store, UUID uuid, long start, long end, int pointWidth, long maxWindows)
            throws ApiException, StoreException {
        if (end <= start) {
            throw ApiException.badRequest("end must be after start [start=" + start + ", end=" + end + "]");
        }
        long alignedStart = Math.max(TimeSeriesStore.MIN_TIME, PointWidths.floor(start, pointWidth));
        long alignedEnd = Math.min(TimeSeriesStore.MAX_TIME, PointWidths.ceil(end, pointWidth));
        long windows = (alignedEnd - alignedStart) >>> pointWidth;
        if (windows > maxWindows) {
            throw ApiException.badRequest("too many windows; zoom in or use a larger point width [windows=" + windows
                    + ", max=" + maxWindows + ", pw=" + pointWidth + "]");
        }
        DataWindows data = new DataWindows(alignedStart, alignedEnd);
        store.alignedWindows(uuid, alignedStart, alignedEnd, pointWidth, Version.LATEST, data::add);
        return data;
    }

    private boolean add(long time, double lo, double avg, double hi, long n) {
        if (n == 0) {
            return true;
        }
        if (size == times.length) {
            int capacity = size * 2;
            times = Arrays.copyOf(times, capacity);
            min = Arrays.copyOf(min, capacity);
            mean = Arrays.copyOf(mean, capacity);
            max = Arrays.copyOf(max, capacity);
            count = Arrays.copyOf(count, capacity);
        }
        times[size] = time;
        min[size] = lo;
        mean[size] = avg;
        max[size] = hi;
        count[size] = n;
        size++;
        return true;
    }

    /**
     * The windows as the page reads them without parsing (docs/plotter.md, "Binary columns"): a little-endian uint32
     * count n, 4 zero bytes, then five columns of n little-endian float64 each: times (ms since the epoch, as the
     * JSON answer's), min, mean, max, count. Every column starts on an 8-byte boundary so the page can view it as a
     * Float64Array. Non-finite values stay as they are (the JSON answer writes null).
     */
    byte[] binaryColumns() {
        ByteBuffer out = ByteBuffer.allocate(8 + 5 * 8 * size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(size).putInt(0);
        for (int i = 0; i < size; i++) {
            out.putDouble(times[i] / 1e6);
        }
        putColumn(out, min);
        putColumn(out, mean);
        putColumn(out, max);
        for (int i = 0; i < size; i++) {
            out.putDouble(count[i]);
        }
        return out.array();
    }

    private void putColumn(ByteBuffer out, double[] column) {
        for (int i = 0; i < size; i++) {
            out.putDouble(column[i]);
        }
    }
}
