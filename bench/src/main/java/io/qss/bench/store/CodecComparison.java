// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.store;

import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.codec.ByteSource;
import io.qss.store.internal.codec.TimeCodec;
import io.qss.store.internal.codec.ValueCodec;
import java.util.Arrays;

/**
 * Compares the value codecs on leaf-sized blocks of uPMU-like channels, as float32-widened doubles and as full
 * doubles (the same signal without the float32 rounding): bits per value, encode and decode speed.
 */
final class CodecComparison {

    private static final int LEAF = 512;
    private static final int LEAVES = 2000;

    private CodecComparison() {}

    private static boolean print;

    /** Runs twice and prints the second (JIT-warm) pass only. */
    static void run() {
        print = false;
        runOnce();
        print = true;
        runOnce();
    }

    private static void runOnce() {
        for (UpmuSignal.Kind kind : UpmuSignal.Kind.values()) {
            double[][] asFloat = new double[LEAVES][LEAF];
            double[][] asDouble = new double[LEAVES][LEAF];
            double[][] asDecimal = new double[LEAVES][LEAF];
            long[][] times = new long[LEAVES][LEAF];
            UpmuSignal signal = new UpmuSignal(kind, 3);
            for (int b = 0; b < LEAVES; b++) {
                signal.fill((long) b * LEAF, LEAF, times[b], asFloat[b]);
                for (int i = 0; i < LEAF; i++) {
                    asDouble[b][i] = asFloat[b][i] + 1e-7 * Math.sin(b * LEAF + i);
                    asDecimal[b][i] = Math.round(asFloat[b][i] * 1000) / 1000.0;
                }
            }
            measureTimes(kind, times);
            for (int mode :
                    new int[] {ValueCodec.FLOAT32_DELTA, ValueCodec.DOUBLE_DELTA, ValueCodec.XOR, ValueCodec.DECIMAL}) {
                measure(kind + "_float32", mode, asFloat);
                if (mode != ValueCodec.FLOAT32_DELTA) {
                    measure(kind + "_float64", mode, asDouble);
                    measure(kind + "_decimal3", mode, asDecimal);
                }
            }
        }
    }

    private static String name(int mode) {
        return switch (mode) {
            case ValueCodec.FLOAT32_DELTA -> "float32delta";
            case ValueCodec.DOUBLE_DELTA -> "float64delta";
            case ValueCodec.XOR -> "gorillaxor";
            default -> "decimal";
        };
    }

    private static void measure(String data, int mode, double[][] blocks) {
        long[] scratch = new long[LEAF];
        ByteSink out = new ByteSink(LEAF * 10);
        if (mode == ValueCodec.DECIMAL) {
            int ok = 0;
            for (double[] b : blocks) {
                ok += ValueCodec.chooseMode(b, 0, LEAF) == ValueCodec.DECIMAL ? 1 : 0;
            }
            if (print) {
                System.out.println("codec_" + data + "_decimal_applicable_blocks=" + ok + "/" + blocks.length);
            }
            if (ok < blocks.length) {
                return;
            }
        }
        byte[][] encoded = new byte[blocks.length][];
        long bytes = 0;
        long t0 = System.nanoTime();
        for (int rep = 0; rep < 3; rep++) {
            for (int b = 0; b < blocks.length; b++) {
                out.clear();
                ValueCodec.encode(mode, blocks[b], 0, LEAF, out, scratch);
                encoded[b] = Arrays.copyOf(out.array(), out.size() + 16);
                bytes += rep == 0 ? out.size() : 0;
            }
        }
        double encodeRate = 3.0 * blocks.length * LEAF / ((System.nanoTime() - t0) / 1e9);
        double[] back = new double[LEAF];
        long t1 = System.nanoTime();
        double sink = 0;
        for (int rep = 0; rep < 3; rep++) {
            for (byte[] e : encoded) {
                ValueCodec.decode(new ByteSource(e, 0, e.length - 16), back, LEAF, scratch);
                sink += back[7];
            }
        }
        double decodeRate = 3.0 * blocks.length * LEAF / ((System.nanoTime() - t1) / 1e9);
        if (!print) {
            return;
        }
        System.out.printf(
                "codec_%s_%s_bits_per_value=%.2f encode_Mvals_per_s=%.0f decode_Mvals_per_s=%.0f%s%n",
                data,
                name(mode),
                8.0 * bytes / (blocks.length * LEAF),
                encodeRate / 1e6,
                decodeRate / 1e6,
                sink == 42 ? "!" : "");
    }

    private static void measureTimes(UpmuSignal.Kind kind, long[][] blocks) {
        ByteSink out = new ByteSink(LEAF * 10);
        long[] scratch = new long[LEAF];
        long bytes = 0;
        for (long[] b : blocks) {
            out.clear();
            TimeCodec.encode(b, 0, LEAF, out, scratch);
            bytes += out.size();
        }
        if (!print) {
            return;
        }
        System.out.printf("codec_%s_time_dod_bits_per_time=%.2f%n", kind, 8.0 * bytes / (blocks.length * LEAF));
    }
}
