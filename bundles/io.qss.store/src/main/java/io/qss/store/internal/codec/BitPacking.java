// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.codec;

import java.util.Arrays;

/**
 * Packs unsigned longs in mini-blocks of {@value #BLOCK} values: one byte with the bit width of the widest value,
 * then the values LSB-first in {@code ceil(count * width / 8)} bytes. Per-mini-block widths keep one outlier from
 * widening a whole leaf.
 */
public final class BitPacking {

    public static final int BLOCK = 64;

    private BitPacking() {}

    public static void pack(long[] vals, int n, ByteSink out) {
        for (int b = 0; b < n; b += BLOCK) {
            int k = Math.min(BLOCK, n - b);
            long or = 0;
            for (int i = 0; i < k; i++) {
                or |= vals[b + i];
            }
            int w = 64 - Long.numberOfLeadingZeros(or);
            out.putByte(w);
            if (w > 0) {
                packBlock(vals, b, k, w, out);
            }
        }
    }

    private static void packBlock(long[] vals, int from, int k, int w, ByteSink out) {
        int start = out.skip(((k * w + 7) >>> 3) + 8);
        byte[] buf = out.array();
        int p = start;
        long acc = 0;
        int fill = 0;
        for (int i = 0; i < k; i++) {
            long v = vals[from + i];
            acc |= v << fill;
            if (fill + w >= 64) {
                ByteSink.setLong(buf, p, acc);
                p += 8;
                int used = 64 - fill;
                acc = used == 64 ? 0 : v >>> used;
                fill = fill + w - 64;
            } else {
                fill += w;
            }
        }
        if (fill > 0) {
            ByteSink.setLong(buf, p, acc);
            p += (fill + 7) >>> 3;
        }
        out.setSize(p);
    }

    public static void unpack(ByteSource in, long[] out, int n) {
        unpack(in, out, 0, n);
    }

    /** Unpacks n values into out[offset, offset + n). */
    public static void unpack(ByteSource in, long[] out, int offset, int n) {
        byte[] buf = in.array();
        for (int b = 0; b < n; b += BLOCK) {
            int k = Math.min(BLOCK, n - b);
            int w = in.getByte();
            if (w > 64) {
                throw new IllegalArgumentException("bit width out of range [width=" + w + "]");
            }
            if (w == 0) {
                Arrays.fill(out, offset + b, offset + b + k, 0L);
                continue;
            }
            int nbytes = (k * w + 7) >>> 3;
            int p0 = in.position();
            in.position(p0 + nbytes);
            if (p0 + nbytes + 9 <= buf.length) {
                unpackFast(buf, p0, out, offset + b, k, w);
            } else {
                unpackSafe(buf, p0, out, offset + b, k, w);
            }
        }
    }

    private static void unpackFast(byte[] buf, int p0, long[] out, int from, int k, int w) {
        long mask = w == 64 ? -1L : (1L << w) - 1;
        long bitPos = 0;
        for (int i = 0; i < k; i++) {
            int idx = p0 + (int) (bitPos >>> 3);
            int sh = (int) (bitPos & 7);
            long word = ByteSink.getLong(buf, idx) >>> sh;
            if (sh + w > 64) {
                word |= (buf[idx + 8] & 0xFFL) << (64 - sh);
            }
            out[from + i] = word & mask;
            bitPos += w;
        }
    }

    private static void unpackSafe(byte[] buf, int p0, long[] out, int from, int k, int w) {
        long bitPos = 0;
        for (int i = 0; i < k; i++) {
            long v = 0;
            for (int bit = 0; bit < w; bit++) {
                long pos = bitPos + bit;
                int byteVal = buf[p0 + (int) (pos >>> 3)] & 0xFF;
                v |= (long) ((byteVal >>> (pos & 7)) & 1) << bit;
            }
            out[from + i] = v;
            bitPos += w;
        }
    }
}
