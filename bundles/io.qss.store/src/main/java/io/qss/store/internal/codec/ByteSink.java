// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable little-endian byte buffer for encoding blocks and log records. Not thread-safe. */
public final class ByteSink {

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private int size;

    public ByteSink(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    public int size() {
        return size;
    }

    public byte[] array() {
        return bytes;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Sets the size back or forward within the already ensured capacity. */
    public void setSize(int newSize) {
        size = newSize;
    }

    public void clear() {
        size = 0;
    }

    public void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more + 16));
        }
    }

    public void putByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    public void putLong(long v) {
        ensure(8);
        LONG_LE.set(bytes, size, v);
        size += 8;
    }

    public void putDouble(double v) {
        putLong(Double.doubleToRawLongBits(v));
    }

    /** Unsigned LEB128. */
    public void putVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte) v;
    }

    public void putSignedVarLong(long v) {
        putVarLong(Varints.zigzag(v));
    }

    public void putBytes(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, bytes, size, len);
        size += len;
    }

    /** Reserves {@code n} bytes and returns their offset; for writers that fill them directly. */
    public int skip(int n) {
        ensure(n);
        int at = size;
        size += n;
        return at;
    }

    /** Writes {@code v} little-endian at a previously reserved offset, overwriting. */
    public static void setLong(byte[] into, int at, long v) {
        LONG_LE.set(into, at, v);
    }

    public static long getLong(byte[] from, int at) {
        return (long) LONG_LE.get(from, at);
    }

    public static int getInt(byte[] from, int at) {
        return (int) INT_LE.get(from, at);
    }
}
