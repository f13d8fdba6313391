// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.codec;

/**
 * Timestamps as first time, first delta, then bit-packed zigzag delta-of-deltas. At 120 Hz with rounded
 * nanosecond times the delta-of-deltas are -1, 0 or 1, so a time costs about 2 bits. Input need not be sorted.
 */
public final class TimeCodec {

    private TimeCodec() {}

    public static void encode(long[] times, int off, int n, ByteSink out, long[] scratch) {
        if (n == 0) {
            return;
        }
        out.putSignedVarLong(times[off]);
        if (n == 1) {
            return;
        }
        long prevDelta = times[off + 1] - times[off];
        out.putSignedVarLong(prevDelta);
        int m = n - 2;
        for (int i = 0; i < m; i++) {
            long delta = times[off + i + 2] - times[off + i + 1];
            scratch[i] = Varints.zigzag(delta - prevDelta);
            prevDelta = delta;
        }
        BitPacking.pack(scratch, m, out);
    }

    public static void decode(ByteSource in, long[] times, int n, long[] scratch) {
        if (n == 0) {
            return;
        }
        long t = in.getSignedVarLong();
        times[0] = t;
        if (n == 1) {
            return;
        }
        long delta = in.getSignedVarLong();
        t += delta;
        times[1] = t;
        int m = n - 2;
        BitPacking.unpack(in, scratch, m);
        for (int i = 0; i < m; i++) {
            delta += Varints.unzigzag(scratch[i]);
            t += delta;
            times[i + 2] = t;
        }
    }
}
