// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.codec;

/**
 * Gorilla-style XOR coding of float64 values (Pelkonen et al., VLDB 2015): each value is XORed with the previous
 * one; a zero XOR costs one bit, otherwise the meaningful bits are written with a leading-zero count and length,
 * reusing the previous window when it fits. Measured against the other codecs; not chosen for new blocks.
 */
public final class XorCodec {

    private XorCodec() {}

    public static void encode(double[] values, int off, int n, ByteSink out) {
        BitWriter w = new BitWriter(out);
        long prev = Double.doubleToRawLongBits(values[off]);
        w.write(prev, 64);
        int prevLead = -1;
        int prevTrail = 0;
        for (int i = 1; i < n; i++) {
            long cur = Double.doubleToRawLongBits(values[off + i]);
            long x = cur ^ prev;
            prev = cur;
            if (x == 0) {
                w.write(0, 1);
                continue;
            }
            int lead = Math.min(31, Long.numberOfLeadingZeros(x));
            int trail = Long.numberOfTrailingZeros(x);
            if (prevLead >= 0 && lead >= prevLead && trail >= prevTrail) {
                w.write(0b10, 2);
                w.write(x >>> prevTrail, 64 - prevLead - prevTrail);
            } else {
                int len = 64 - lead - trail;
                w.write(0b11, 2);
                w.write(lead, 5);
                w.write(len - 1, 6);
                w.write(x >>> trail, len);
                prevLead = lead;
                prevTrail = trail;
            }
        }
        w.finish();
    }

    public static void decode(ByteSource in, double[] values, int n) {
        BitReader r = new BitReader(in);
        long prev = r.read(64);
        values[0] = Double.longBitsToDouble(prev);
        int lead = 0;
        int trail = 0;
        for (int i = 1; i < n; i++) {
            if (r.read(1) != 0) {
                if (r.read(1) != 0) {
                    lead = (int) r.read(5);
                    int len = (int) r.read(6) + 1;
                    trail = 64 - lead - len;
                }
                long bits = r.read(64 - lead - trail);
                prev ^= bits << trail;
            }
            values[i] = Double.longBitsToDouble(prev);
        }
        r.finish();
    }

    /** MSB-first bit writer; {@link #write} reads the bits as "1 then 0" for pattern 0b10. */
    static final class BitWriter {
        private final ByteSink out;
        private long acc;
        private int fill;

        BitWriter(ByteSink out) {
            this.out = out;
        }

        void write(long bits, int count) {
            for (int i = count - 1; i >= 0; i--) {
                acc = (acc << 1) | ((bits >>> i) & 1);
                if (++fill == 8) {
                    out.putByte((int) acc);
                    acc = 0;
                    fill = 0;
                }
            }
        }

        void finish() {
            if (fill > 0) {
                out.putByte((int) (acc << (8 - fill)));
            }
        }
    }

    static final class BitReader {
        private final ByteSource in;
        private int current;
        private int left;

        BitReader(ByteSource in) {
            this.in = in;
        }

        long read(int count) {
            long v = 0;
            for (int i = 0; i < count; i++) {
                if (left == 0) {
                    current = in.getByte();
                    left = 8;
                }
                left--;
                v = (v << 1) | ((current >>> left) & 1);
            }
            return v;
        }

        void finish() {
            left = 0;
        }
    }
}
