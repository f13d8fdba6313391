// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.api.MergePolicy;
import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.codec.ByteSource;
import io.qss.store.internal.codec.TimeCodec;
import io.qss.store.internal.codec.ValueCodec;
import io.qss.store.internal.tree.NodeCodec;
import java.util.UUID;

/**
 * One acknowledged insert in the write-ahead log: {@code 0x01, u64 seq, uuid (2 x u64), u8 policy, varint n,
 * times, values} with the leaf codecs, so the log costs about as much disk bandwidth as the tree.
 *
 * @param seq global sequence number; a stream's superblock names the last one it contains
 */
public record WalRecord(long seq, UUID stream, MergePolicy policy, long[] times, double[] values) {

    static final int INSERT = 1;

    public void encode(ByteSink out) {
        int n = times.length;
        out.putByte(INSERT);
        out.putLong(seq);
        out.putLong(stream.getMostSignificantBits());
        out.putLong(stream.getLeastSignificantBits());
        out.putByte(policy.ordinal());
        out.putVarLong(n);
        long[] scratch = NodeCodec.scratch(n);
        TimeCodec.encode(times, 0, n, out, scratch);
        ValueCodec.encode(values, 0, n, out, scratch);
    }

    public static WalRecord decode(ByteSource in) {
        int type = in.getByte();
        if (type != INSERT) {
            throw new IllegalArgumentException("unknown log record type [type=" + type + "]");
        }
        long seq = in.getLong();
        UUID stream = new UUID(in.getLong(), in.getLong());
        int policy = in.getByte();
        if (policy >= MergePolicy.values().length) {
            throw new IllegalArgumentException("unknown merge policy [policy=" + policy + "]");
        }
        int n = in.getVarInt(NodeCodec.MAX_LEAF_POINTS);
        long[] times = new long[n];
        double[] values = new double[n];
        long[] scratch = NodeCodec.scratch(n);
        TimeCodec.decode(in, times, n, scratch);
        ValueCodec.decode(in, values, n, scratch);
        return new WalRecord(seq, stream, MergePolicy.values()[policy], times, values);
    }
}
