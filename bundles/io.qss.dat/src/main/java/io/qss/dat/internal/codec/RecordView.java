// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.internal.codec;

import static io.qss.dat.internal.codec.DatLayout.getFloat;
import static io.qss.dat.internal.codec.DatLayout.getInt;

import io.qss.dat.DatFormat;
import io.qss.dat.DatRecord;
import io.qss.dat.DatRecordData;
import io.qss.dat.DatStream;
import io.qss.dat.DatTimestamp;
import io.qss.dat.GpsStats;
import io.qss.dat.PllStats;
import java.util.Objects;

/** The reusable {@link DatRecord} view over the decoder's buffer. Confined to the decoding thread. */
final class RecordView implements DatRecord {
    private static final int SAMPLES = DatFormat.SAMPLES_PER_RECORD;

    private final String source;
    private final long[] sampleOffsetNanos = new long[SAMPLES];
    private int cachedIntervalBits;
    private byte[] buf;
    private int base;
    private boolean isExtended;
    private long index;
    private long offset;
    private long startNanos;
    private float interval;

    RecordView(String source) {
        this.source = source;
        cachedIntervalBits = Float.floatToRawIntBits(Float.NaN);
    }

    /** Points the view at a validated record; {@code startNanos} comes from its timestamp. */
    void bind(byte[] buffer, int recordBase, boolean extended, long recordIndex, long recordOffset, long start) {
        this.buf = buffer;
        this.base = recordBase;
        this.isExtended = extended;
        this.index = recordIndex;
        this.offset = recordOffset;
        this.startNanos = start;
        this.interval = getFloat(buffer, recordBase + DatLayout.INTERVAL_OFFSET);
        int bits = Float.floatToRawIntBits(interval);
        if (bits != cachedIntervalBits) {
            cachedIntervalBits = bits;
            // sync2_quasar convention: sample i at T0 + round(i * interval_ms * 1e6), float32 interval widened.
            double intervalNanos = (double) interval * 1e6;
            for (int i = 0; i < SAMPLES; i++) {
                sampleOffsetNanos[i] = Math.round(i * intervalNanos);
            }
        }
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public long index() {
        return index;
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public boolean isExtended() {
        return isExtended;
    }

    @Override
    public int sizeBytes() {
        return isExtended ? DatFormat.EXTENDED_RECORD_BYTES : DatFormat.BASE_RECORD_BYTES;
    }

    @Override
    public float intervalMillis() {
        return interval;
    }

    @Override
    public DatTimestamp timestamp() {
        int at = base + DatLayout.TIMESTAMP_OFFSET;
        return new DatTimestamp(
                getInt(buf, at),
                getInt(buf, at + 4),
                getInt(buf, at + 8),
                getInt(buf, at + 12),
                getInt(buf, at + 16),
                getInt(buf, at + 20));
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public long timeNanos(int i) {
        return startNanos + sampleOffsetNanos[i];
    }

    @Override
    public double value(DatStream stream, int i) {
        return stream.isStatus() ? status(i) : floatValue(stream, i);
    }

    @Override
    public float floatValue(DatStream stream, int i) {
        if (stream.isStatus()) {
            throw new IllegalArgumentException("LSTATE is an integer status word [stream=LSTATE]");
        }
        return getFloat(buf, base + at(stream) + Objects.checkIndex(i, SAMPLES) * DatLayout.strideOf(stream));
    }

    @Override
    public int status(int i) {
        return getInt(buf, base + DatLayout.STATUS_OFFSET + Objects.checkIndex(i, SAMPLES) * 4);
    }

    @Override
    public void copyTimes(long[] dst, int dstOffset) {
        Objects.checkFromIndexSize(dstOffset, SAMPLES, dst.length);
        for (int i = 0; i < SAMPLES; i++) {
            dst[dstOffset + i] = startNanos + sampleOffsetNanos[i];
        }
    }

    @Override
    public void copyValues(DatStream stream, double[] dst, int dstOffset) {
        Objects.checkFromIndexSize(dstOffset, SAMPLES, dst.length);
        int at = base + at(stream);
        int stride = DatLayout.strideOf(stream);
        if (stream.isStatus()) {
            for (int i = 0; i < SAMPLES; i++, at += stride) {
                dst[dstOffset + i] = getInt(buf, at);
            }
        } else {
            for (int i = 0; i < SAMPLES; i++, at += stride) {
                dst[dstOffset + i] = getFloat(buf, at);
            }
        }
    }

    @Override
    public void copyFloats(DatStream stream, float[] dst, int dstOffset) {
        Objects.checkFromIndexSize(dstOffset, SAMPLES, dst.length);
        if (stream.isStatus()) {
            throw new IllegalArgumentException("LSTATE is an integer status word [stream=LSTATE]");
        }
        int at = base + at(stream);
        int stride = DatLayout.strideOf(stream);
        for (int i = 0; i < SAMPLES; i++, at += stride) {
            dst[dstOffset + i] = getFloat(buf, at);
        }
    }

    @Override
    public PllStats pll() {
        int at = base + DatLayout.PLL_OFFSET;
        return new PllStats(
                Integer.toUnsignedLong(getInt(buf, at)),
                Integer.toUnsignedLong(getInt(buf, at + 4)),
                getInt(buf, at + 8),
                getInt(buf, at + 12));
    }

    @Override
    public GpsStats gps() {
        int at = base + DatLayout.GPS_OFFSET;
        return new GpsStats(
                getFloat(buf, at),
                getFloat(buf, at + 4),
                getFloat(buf, at + 8),
                getFloat(buf, at + 12),
                getFloat(buf, at + 16),
                getFloat(buf, at + 20),
                getFloat(buf, at + 24));
    }

    @Override
    public DatRecordData toData() {
        DatRecordData data = DatRecordData.blank(timestamp(), isExtended);
        data = new DatRecordData(interval, data.timestamp(), data.status(), data.values(), pll(), gps());
        for (int i = 0; i < SAMPLES; i++) {
            data.status()[i] = status(i);
        }
        for (DatStream stream : DatStream.streams(isExtended)) {
            if (!stream.isStatus()) {
                copyFloats(stream, data.values()[stream.ordinal()], 0);
            }
        }
        return data;
    }

    private int at(DatStream stream) {
        if (stream.isExtended() && !isExtended) {
            throw new IllegalArgumentException(
                    "stream only exists in extended records [stream=" + stream + ", record=" + index + "]");
        }
        return DatLayout.offsetOf(stream);
    }
}
