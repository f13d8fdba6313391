// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Writes RawValuesResponse messages (versionMajor = 2, versionMinor = 3, values = 4 as RawPoint{sfixed64 time = 1;
 * double value = 2}) straight from time and value arrays. Used by one thread.
 */
final class RawEncoder {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int POINT_BYTES = 20;
    private static final int HEADER_MAX = 22;

    private final int capacity;
    private final long major;
    private final long minor;
    private byte[] buffer;
    private int position;
    private int count;

    RawEncoder(int capacity, long major, long minor) {
        this.capacity = capacity;
        this.major = major;
        this.minor = minor;
        start();
    }

    private void start() {
        buffer = new byte[HEADER_MAX + capacity * POINT_BYTES];
        position = 0;
        count = 0;
        buffer[position++] = 0x10;
        varint(major);
        if (minor != 0) {
            buffer[position++] = 0x18;
            varint(minor);
        }
    }

    private void varint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buffer[position++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[position++] = (byte) v;
    }

    /** Adds a point; true when the message is full. */
    boolean add(long time, double value) {
        byte[] b = buffer;
        int p = position;
        b[p] = 0x22;
        b[p + 1] = 18;
        b[p + 2] = 0x09;
        LONGS.set(b, p + 3, time);
        b[p + 11] = 0x11;
        LONGS.set(b, p + 12, Double.doubleToRawLongBits(value));
        position = p + POINT_BYTES;
        return ++count == capacity;
    }

    int count() {
        return count;
    }

    /** The message so far; the encoder starts a new one. */
    Encoded take() {
        Encoded message = new Encoded(buffer, position);
        start();
        return message;
    }
}
