// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.codec;

/**
 * Float64 values, chosen per block by measurement on uPMU-like data (docs/store-compression.md):
 * <ul>
 *   <li>{@link #FLOAT32_DELTA}: every value is a float32 widened to double (what a uPMU records); the float bits,
 *       mapped to an order-preserving int, are delta coded and bit-packed.</li>
 *   <li>{@link #DECIMAL}: every value is a short decimal (ALP idea): {@code value * 10^e} is an integer, delta coded.</li>
 *   <li>{@link #DOUBLE_DELTA}: anything else; order-preserving long bits, delta coded.</li>
 *   <li>{@link #XOR}: Gorilla XOR; kept for reading and comparison, never chosen by {@link #encode}.</li>
 * </ul>
 */
public final class ValueCodec {

    public static final int FLOAT32_DELTA = 1;
    public static final int DOUBLE_DELTA = 2;
    public static final int DECIMAL = 3;
    public static final int XOR = 4;

    private static final int MAX_DECIMAL_EXPONENT = 10;
    private static final double[] POW10 = new double[MAX_DECIMAL_EXPONENT + 1];

    static {
        double p = 1;
        for (int i = 0; i <= MAX_DECIMAL_EXPONENT; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private ValueCodec() {}

    /** Encodes with the mode {@link #chooseMode} picks, searching the decimal exponent only once. */
    public static void encode(double[] values, int off, int n, ByteSink out, long[] scratch) {
        if (allFloat32(values, off, n)) {
            encode(FLOAT32_DELTA, -1, values, off, n, out, scratch);
            return;
        }
        int e = decimalExponent(values, off, n);
        encode(e >= 0 ? DECIMAL : DOUBLE_DELTA, e, values, off, n, out, scratch);
    }

    public static int chooseMode(double[] values, int off, int n) {
        if (allFloat32(values, off, n)) {
            return FLOAT32_DELTA;
        }
        return decimalExponent(values, off, n) >= 0 ? DECIMAL : DOUBLE_DELTA;
    }

    public static void encode(int mode, double[] values, int off, int n, ByteSink out, long[] scratch) {
        int e = mode == DECIMAL && n > 0 ? decimalExponent(values, off, n) : -1;
        encode(mode, e, values, off, n, out, scratch);
    }

    /** @param e the decimal exponent, used by {@link #DECIMAL} only */
    private static void encode(int mode, int e, double[] values, int off, int n, ByteSink out, long[] scratch) {
        out.putByte(mode);
        if (n == 0) {
            return;
        }
        switch (mode) {
            case FLOAT32_DELTA -> {
                for (int i = 0; i < n; i++) {
                    scratch[i] = orderedFloat((float) values[off + i]);
                }
                deltaPack(scratch, n, out);
            }
            case DECIMAL -> {
                out.putByte(e);
                for (int i = 0; i < n; i++) {
                    scratch[i] = Math.round(values[off + i] * POW10[e]);
                }
                deltaPack(scratch, n, out);
            }
            case DOUBLE_DELTA -> {
                for (int i = 0; i < n; i++) {
                    scratch[i] = orderedDouble(values[off + i]);
                }
                deltaPack(scratch, n, out);
            }
            case XOR -> XorCodec.encode(values, off, n, out);
            default -> throw new IllegalArgumentException("unknown value codec [mode=" + mode + "]");
        }
    }

    public static void decode(ByteSource in, double[] values, int n, long[] scratch) {
        int mode = in.getByte();
        if (n == 0) {
            return;
        }
        switch (mode) {
            case FLOAT32_DELTA -> {
                // One pass: running sum of the deltas, mapped straight back to float bits.
                long cur = in.getSignedVarLong();
                BitPacking.unpack(in, scratch, 1, n - 1);
                values[0] = unorderFloat((int) cur);
                for (int i = 1; i < n; i++) {
                    cur += Varints.unzigzag(scratch[i]);
                    values[i] = unorderFloat((int) cur);
                }
            }
            case DECIMAL -> {
                int e = in.getByte();
                if (e > MAX_DECIMAL_EXPONENT) {
                    throw new IllegalArgumentException("decimal exponent out of range [exponent=" + e + "]");
                }
                deltaUnpack(in, scratch, n);
                double p = POW10[e];
                for (int i = 0; i < n; i++) {
                    values[i] = scratch[i] / p;
                }
            }
            case DOUBLE_DELTA -> {
                deltaUnpack(in, scratch, n);
                for (int i = 0; i < n; i++) {
                    values[i] = unorderDouble(scratch[i]);
                }
            }
            case XOR -> XorCodec.decode(in, values, n);
            default -> throw new IllegalArgumentException("unknown value codec [mode=" + mode + "]");
        }
    }

    static boolean allFloat32(double[] values, int off, int n) {
        for (int i = 0; i < n; i++) {
            double v = values[off + i];
            if ((double) (float) v != v) {
                return false;
            }
        }
        return true;
    }

    /** The smallest e such that every value is exactly {@code k / 10^e} for an integer k below 2^52, or -1. */
    static int decimalExponent(double[] values, int off, int n) {
        for (int e = 0; e <= MAX_DECIMAL_EXPONENT; e++) {
            if (allDecimal(values, off, n, e)) {
                return e;
            }
        }
        return -1;
    }

    private static boolean allDecimal(double[] values, int off, int n, int e) {
        double p = POW10[e];
        for (int i = 0; i < n; i++) {
            double v = values[off + i];
            double scaled = v * p;
            if (Math.abs(scaled) >= 0x1p52) {
                return false;
            }
            long k = Math.round(scaled);
            if (k / p != v || Double.doubleToRawLongBits(k / p) != Double.doubleToRawLongBits(v)) {
                return false;
            }
        }
        return true;
    }

    private static void deltaPack(long[] vals, int n, ByteSink out) {
        long prev = vals[0];
        out.putSignedVarLong(prev);
        for (int i = 1; i < n; i++) {
            long cur = vals[i];
            vals[i - 1] = Varints.zigzag(cur - prev);
            prev = cur;
        }
        BitPacking.pack(vals, n - 1, out);
    }

    private static void deltaUnpack(ByteSource in, long[] vals, int n) {
        long cur = in.getSignedVarLong();
        BitPacking.unpack(in, vals, 1, n - 1);
        vals[0] = cur;
        for (int i = 1; i < n; i++) {
            cur += Varints.unzigzag(vals[i]);
            vals[i] = cur;
        }
    }

    /** Float bits mapped so that integer order is numeric order (negative floats are sign-magnitude). */
    static long orderedFloat(float f) {
        int b = Float.floatToRawIntBits(f);
        return b ^ ((b >> 31) & 0x7FFFFFFF);
    }

    static double unorderFloat(int o) {
        int b = o ^ ((o >> 31) & 0x7FFFFFFF);
        return Float.intBitsToFloat(b);
    }

    static long orderedDouble(double d) {
        long b = Double.doubleToRawLongBits(d);
        return b ^ ((b >> 63) & 0x7FFFFFFFFFFFFFFFL);
    }

    static double unorderDouble(long o) {
        long b = o ^ ((o >> 63) & 0x7FFFFFFFFFFFFFFFL);
        return Double.longBitsToDouble(b);
    }
}
