// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.internal.codec;

import io.qss.dat.DatFormat;
import io.qss.dat.DatStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte offsets of the record layout and little-endian accessors over byte arrays. */
public final class DatLayout {
    public static final int INTERVAL_OFFSET = 0;
    public static final int TIMESTAMP_OFFSET = 4;
    public static final int STATUS_OFFSET = 28;
    public static final int PHASOR_OFFSET = 508;
    public static final int CHANNEL_BYTES = 960;
    public static final int PLL_OFFSET = 6268;
    public static final int GPS_OFFSET = 6284;
    public static final int EXTENSION_OFFSET = DatFormat.BASE_RECORD_BYTES;
    public static final int EXTENSION_ARRAY_BYTES = 480;
    /** Bytes needed to know a record's stride: everything up to the end of the status words. */
    public static final int STATUS_END = PHASOR_OFFSET;
    /** Bytes of interval plus timestamp, enough to judge a header. */
    public static final int HEADER_BYTES = STATUS_OFFSET;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int[] OFFSETS = new int[DatStream.EXTENDED_COUNT];
    private static final int[] STRIDES = new int[DatStream.EXTENDED_COUNT];

    static {
        for (DatStream stream : DatStream.values()) {
            int ordinal = stream.ordinal();
            if (stream.isStatus()) {
                OFFSETS[ordinal] = STATUS_OFFSET;
                STRIDES[ordinal] = 4;
            } else if (stream.isExtended()) {
                OFFSETS[ordinal] = EXTENSION_OFFSET + (ordinal - DatStream.BASE_COUNT) * EXTENSION_ARRAY_BYTES;
                STRIDES[ordinal] = 4;
            } else {
                // Phasor channels store (angle, magnitude) pairs: angle first, magnitude 4 bytes later.
                int channel = ordinal / 2;
                boolean isAngle = ordinal % 2 == 1;
                OFFSETS[ordinal] = PHASOR_OFFSET + channel * CHANNEL_BYTES + (isAngle ? 0 : 4);
                STRIDES[ordinal] = 8;
            }
        }
    }

    private DatLayout() {}

    /** Offset of sample 0 of {@code stream} from the record start. */
    public static int offsetOf(DatStream stream) {
        return OFFSETS[stream.ordinal()];
    }

    /** Distance in bytes between consecutive samples of {@code stream}. */
    public static int strideOf(DatStream stream) {
        return STRIDES[stream.ordinal()];
    }

    public static int getInt(byte[] buf, int at) {
        return (int) INT.get(buf, at);
    }

    public static float getFloat(byte[] buf, int at) {
        return (float) FLOAT.get(buf, at);
    }

    public static void putInt(byte[] buf, int at, int value) {
        INT.set(buf, at, value);
    }

    public static void putFloat(byte[] buf, int at, float value) {
        // Raw bits, so that NaN payloads survive a round trip.
        INT.set(buf, at, Float.floatToRawIntBits(value));
    }

    /** Whether any status word of the record at {@code base} has an extended bit; needs 508 readable bytes. */
    public static boolean hasExtendedStatus(byte[] buf, int base) {
        int bits = 0;
        int end = base + STATUS_END;
        for (int at = base + STATUS_OFFSET; at < end; at += 4) {
            bits |= getInt(buf, at);
        }
        return (bits & DatFormat.EXTENDED_STATUS_MASK) != 0;
    }
}
