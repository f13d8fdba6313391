// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.internal.codec;

import io.qss.dat.DatColumns;
import io.qss.dat.DatFormat;
import io.qss.dat.DatRecord;
import io.qss.dat.DatRecordHandler;
import io.qss.dat.DatStream;
import io.qss.dat.DatSummary;
import java.util.Arrays;

/** Gathers decoded records into per-stream columns, growing them as needed. */
final class ColumnCollector implements DatRecordHandler {
    private static final int SAMPLES = DatFormat.SAMPLES_PER_RECORD;

    private long[] times;
    private final double[][] values = new double[DatStream.EXTENDED_COUNT][];
    private int size;

    /** {@code expectedRecords} sizes the columns up front; they grow if the guess was short. */
    ColumnCollector(int expectedRecords) {
        int capacity = Math.max(1, expectedRecords) * SAMPLES;
        times = new long[capacity];
        for (int s = 0; s < DatStream.BASE_COUNT; s++) {
            values[s] = new double[capacity];
        }
    }

    @Override
    public void onRecord(DatRecord record) {
        if (size + SAMPLES > times.length) {
            grow();
        }
        if (record.isExtended() && values[DatStream.BASE_COUNT] == null) {
            for (int s = DatStream.BASE_COUNT; s < DatStream.EXTENDED_COUNT; s++) {
                values[s] = new double[times.length];
                Arrays.fill(values[s], 0, size, Double.NaN);
            }
        }
        record.copyTimes(times, size);
        for (DatStream stream : DatStream.streams(record.isExtended())) {
            record.copyValues(stream, values[stream.ordinal()], size);
        }
        if (!record.isExtended() && values[DatStream.BASE_COUNT] != null) {
            for (int s = DatStream.BASE_COUNT; s < DatStream.EXTENDED_COUNT; s++) {
                Arrays.fill(values[s], size, size + SAMPLES, Double.NaN);
            }
        }
        size += SAMPLES;
    }

    DatColumns columns(DatSummary summary) {
        double[][] trimmed = new double[DatStream.EXTENDED_COUNT][];
        for (int s = 0; s < trimmed.length; s++) {
            trimmed[s] =
                    values[s] == null ? null : values[s].length == size ? values[s] : Arrays.copyOf(values[s], size);
        }
        long[] trimmedTimes = times.length == size ? times : Arrays.copyOf(times, size);
        return new DatColumns(summary, size, trimmedTimes, trimmed);
    }

    private void grow() {
        int capacity = Math.max(times.length * 2, size + SAMPLES);
        times = Arrays.copyOf(times, capacity);
        for (int s = 0; s < values.length; s++) {
            if (values[s] != null) {
                values[s] = Arrays.copyOf(values[s], capacity);
            }
        }
    }
}
