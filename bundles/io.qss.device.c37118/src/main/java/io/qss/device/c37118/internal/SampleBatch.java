// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal;

import io.qss.device.DeviceException;
import io.qss.device.SampleSink;
import java.util.Arrays;

/**
 * The data frames of one {@code received} call, in columns, so the sink gets one append per stream instead of one per
 * frame and value. Reused across calls; not thread-safe.
 */
final class SampleBatch {

    private static final int INITIAL_FRAMES = 8;

    private final StreamLayout layout;
    private long[] times = new long[INITIAL_FRAMES];
    private double[][] columns;
    private double[] row;
    private int frames;

    SampleBatch(StreamLayout layout) {
        this.layout = layout;
        this.columns = new double[layout.size()][INITIAL_FRAMES];
        this.row = new double[layout.size()];
    }

    /** The array the decoder fills with one frame's values before {@link #addRow}. */
    double[] row() {
        return row;
    }

    /** Adds the values in {@link #row()} as one frame at {@code timeNanos}. */
    void addRow(long timeNanos) {
        if (frames == times.length) {
            grow();
        }
        times[frames] = timeNanos;
        for (int i = 0; i < row.length; i++) {
            columns[i][frames] = row[i];
        }
        frames++;
    }

    int frames() {
        return frames;
    }

    /** Appends every column to {@code sink} and empties the batch (also when the sink fails). */
    void flushTo(SampleSink sink) throws DeviceException {
        try {
            if (frames > 0) {
                sink.appendColumns(layout.keys(), times, columns, 0, frames);
            }
        } finally {
            frames = 0;
        }
    }

    /** Empties the batch without writing it. */
    void clear() {
        frames = 0;
    }

    private void grow() {
        int capacity = times.length * 2;
        times = Arrays.copyOf(times, capacity);
        for (int i = 0; i < columns.length; i++) {
            columns[i] = Arrays.copyOf(columns[i], capacity);
        }
    }
}
