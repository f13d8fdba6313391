// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.codec;

/**
 * Reads what a {@link ByteSink} wrote. Throws {@link IllegalArgumentException} on malformed input; callers turn it
 * into a corruption error naming the block. Not thread-safe.
 */
public final class ByteSource {

    private final byte[] bytes;
    private final int limit;
    private int pos;

    public ByteSource(byte[] bytes, int offset, int limit) {
        this.bytes = bytes;
        this.pos = offset;
        this.limit = limit;
    }

    public byte[] array() {
        return bytes;
    }

    public int position() {
        return pos;
    }

    public void position(int newPos) {
        check(newPos - pos);
        pos = newPos;
    }

    private void check(int n) {
        if (n < 0 || pos + n > limit) {
            throw new IllegalArgumentException("truncated input [position=" + pos + ", need=" + n + "]");
        }
    }

    public int getByte() {
        check(1);
        return bytes[pos++] & 0xFF;
    }

    public long getLong() {
        check(8);
        long v = ByteSink.getLong(bytes, pos);
        pos += 8;
        return v;
    }

    public double getDouble() {
        return Double.longBitsToDouble(getLong());
    }

    public long getVarLong() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = getByte();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("varint too long [position=" + pos + "]");
    }

    public long getSignedVarLong() {
        return Varints.unzigzag(getVarLong());
    }

    public int getVarInt(int max) {
        long v = getVarLong();
        if (v < 0 || v > max) {
            throw new IllegalArgumentException("count out of range [value=" + v + ", max=" + max + "]");
        }
        return (int) v;
    }

    public byte[] getBytes(int n) {
        check(n);
        byte[] out = new byte[n];
        System.arraycopy(bytes, pos, out, 0, n);
        pos += n;
        return out;
    }
}
