// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.cli;

import io.qss.dat.DatColumns;
import io.qss.dat.DatFormat;
import io.qss.dat.DatStream;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes decoded columns as CSV: {@code Time[ns]} then one column per stream in canonical order. Values use the
 * float32 decimal form ({@link Float#toString} rules), which parses back to the exact stored float; LSTATE is an
 * integer; extended cells of base records in a mixed file are empty.
 */
public final class CsvWriter {
    private CsvWriter() {}

    /** Writes header and rows to {@code out}; the caller flushes and closes. */
    public static void write(DatColumns columns, Writer out) throws IOException {
        List<DatStream> streams = DatStream.streams(columns.hasExtended());
        StringBuilder line = new StringBuilder(512);
        line.append("Time[ns]");
        for (DatStream stream : streams) {
            line.append(',').append(stream.streamName());
        }
        line.append('\n');
        out.append(line);
        double[][] values = new double[streams.size()][];
        for (int s = 0; s < values.length; s++) {
            values[s] = columns.values(streams.get(s));
        }
        int status = DatStream.LSTATE.ordinal();
        boolean isRecordExtended = false;
        for (int row = 0; row < columns.size(); row++) {
            if (row % DatFormat.SAMPLES_PER_RECORD == 0) {
                isRecordExtended = isExtendedRecordAt(values[status], row);
            }
            line.setLength(0);
            line.append(columns.times()[row]);
            for (int s = 0; s < values.length; s++) {
                line.append(',');
                if (s == status) {
                    line.append((int) values[s][row]);
                } else if (isRecordExtended || !streams.get(s).isExtended()) {
                    // StringBuilder.append(float) formats without creating a String per value.
                    line.append((float) values[s][row]);
                }
            }
            line.append('\n');
            out.append(line);
        }
    }

    /** The decoder's detection rule, applied to the status words of the record starting at {@code row}. */
    private static boolean isExtendedRecordAt(double[] status, int row) {
        int bits = 0;
        for (int i = row; i < row + DatFormat.SAMPLES_PER_RECORD; i++) {
            bits |= (int) status[i];
        }
        return (bits & DatFormat.EXTENDED_STATUS_MASK) != 0;
    }
}
