// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.codec.ByteSource;
import io.qss.store.internal.codec.TimeCodec;
import io.qss.store.internal.codec.ValueCodec;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodecTest {

    private static double[] roundTrip(int mode, double[] values) {
        ByteSink out = new ByteSink(64);
        long[] scratch = new long[values.length];
        ValueCodec.encode(mode, values, 0, values.length, out, scratch);
        byte[] padded = Arrays.copyOf(out.array(), out.size() + 16);
        double[] back = new double[values.length];
        ValueCodec.decode(new ByteSource(padded, 0, out.size()), back, values.length, scratch);
        return back;
    }

    @Test
    void givenAnyValues_whenEncodedWithEachCodec_thenDecodeExactly() {
        Random r = new Random(42);
        double[] floats = new double[1000];
        double[] decimals = new double[1000];
        double[] doubles = new double[1000];
        for (int i = 0; i < 1000; i++) {
            floats[i] = (float) (r.nextGaussian() * 100 - 50);
            decimals[i] = Math.round(r.nextGaussian() * 1e4) / 100.0;
            doubles[i] = r.nextGaussian() * 1e300 * (i % 7 == 0 ? 0 : 1) + (i % 5 == 0 ? -0.0 : 0);
        }
        for (double[] values : new double[][] {floats, decimals, doubles}) {
            for (int mode : new int[] {ValueCodec.FLOAT32_DELTA, ValueCodec.DOUBLE_DELTA, ValueCodec.XOR}) {
                if (mode == ValueCodec.FLOAT32_DELTA && values != floats) {
                    continue;
                }
                assertArrayEquals(values, roundTrip(mode, values), "mode " + mode);
            }
        }
        assertArrayEquals(decimals, roundTrip(ValueCodec.DECIMAL, decimals));
        assertEquals(ValueCodec.FLOAT32_DELTA, ValueCodec.chooseMode(floats, 0, 1000));
        assertEquals(ValueCodec.DECIMAL, ValueCodec.chooseMode(decimals, 0, 1000));
    }

    @Test
    void givenUnsortedExtremeTimes_whenEncoded_thenDecodeExactly() {
        Random r = new Random(7);
        long[] times = new long[777];
        for (int i = 0; i < times.length; i++) {
            times[i] = i % 3 == 0 ? r.nextLong() >> 2 : 1_600_000_000_000_000_000L + Math.round(i * 8_333_333.33);
        }
        ByteSink out = new ByteSink(64);
        long[] scratch = new long[times.length];
        TimeCodec.encode(times, 0, times.length, out, scratch);
        long[] back = new long[times.length];
        TimeCodec.decode(new ByteSource(out.toByteArray(), 0, out.size()), back, times.length, scratch);
        assertArrayEquals(times, back);
    }
}
