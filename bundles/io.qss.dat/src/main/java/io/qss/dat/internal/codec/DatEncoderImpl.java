// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.internal.codec;

import static io.qss.dat.internal.codec.DatLayout.putFloat;
import static io.qss.dat.internal.codec.DatLayout.putInt;

import io.qss.dat.DatEncoder;
import io.qss.dat.DatFormat;
import io.qss.dat.DatRecordData;
import io.qss.dat.DatStream;
import io.qss.dat.DatTimestamp;
import io.qss.dat.GpsStats;
import io.qss.dat.PllStats;
import java.lang.reflect.Array;
import java.util.Objects;

/** The {@link DatEncoder}: writes every field at its layout offset, little-endian. */
public final class DatEncoderImpl implements DatEncoder {
    private static final int SAMPLES = DatFormat.SAMPLES_PER_RECORD;

    @Override
    public int sizeOf(DatRecordData record) {
        return record.isExtended() ? DatFormat.EXTENDED_RECORD_BYTES : DatFormat.BASE_RECORD_BYTES;
    }

    @Override
    public int encode(DatRecordData record, byte[] dst, int offset) {
        int size = sizeOf(record);
        Objects.checkFromIndexSize(offset, size, dst.length);
        requireLength(record.status(), "LSTATE");
        putFloat(dst, offset + DatLayout.INTERVAL_OFFSET, record.intervalMillis());
        writeTimestamp(record.timestamp(), dst, offset + DatLayout.TIMESTAMP_OFFSET);
        for (int i = 0; i < SAMPLES; i++) {
            putInt(dst, offset + DatLayout.STATUS_OFFSET + i * 4, record.status()[i]);
        }
        for (DatStream stream : DatStream.streams(size == DatFormat.EXTENDED_RECORD_BYTES)) {
            if (!stream.isStatus()) {
                writeStream(stream, requireLength(record.values()[stream.ordinal()], stream.name()), dst, offset);
            }
        }
        writePll(record.pll(), dst, offset + DatLayout.PLL_OFFSET);
        writeGps(record.gps(), dst, offset + DatLayout.GPS_OFFSET);
        return size;
    }

    private static void writeTimestamp(DatTimestamp t, byte[] dst, int at) {
        putInt(dst, at, t.year());
        putInt(dst, at + 4, t.month());
        putInt(dst, at + 8, t.day());
        putInt(dst, at + 12, t.hour());
        putInt(dst, at + 16, t.minute());
        putInt(dst, at + 20, t.second());
    }

    private static void writeStream(DatStream stream, float[] samples, byte[] dst, int recordOffset) {
        int at = recordOffset + DatLayout.offsetOf(stream);
        int stride = DatLayout.strideOf(stream);
        for (int i = 0; i < SAMPLES; i++, at += stride) {
            putFloat(dst, at, samples[i]);
        }
    }

    private static void writePll(PllStats pll, byte[] dst, int at) {
        putInt(dst, at, (int) pll.pllState());
        putInt(dst, at + 4, (int) pll.ppsPeriod());
        putInt(dst, at + 8, pll.currentError());
        putInt(dst, at + 12, pll.centerFreqOffset());
    }

    private static void writeGps(GpsStats gps, byte[] dst, int at) {
        float[] fields = {
            gps.altitude(), gps.latitude(), gps.hdop(), gps.longitude(), gps.satellites(), gps.state(), gps.hasFix()
        };
        for (int i = 0; i < fields.length; i++) {
            putFloat(dst, at + i * 4, fields[i]);
        }
    }

    private static <A> A requireLength(A array, String stream) {
        int length = array == null ? -1 : Array.getLength(array);
        if (length != SAMPLES) {
            throw new IllegalArgumentException("cannot encode record: stream array missing or not 120 long [stream="
                    + stream + ", length=" + length + "]");
        }
        return array;
    }
}
