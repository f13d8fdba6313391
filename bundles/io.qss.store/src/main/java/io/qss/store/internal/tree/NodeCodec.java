// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.tree;

import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.codec.ByteSource;
import io.qss.store.internal.codec.TimeCodec;
import io.qss.store.internal.codec.ValueCodec;

/**
 * Block payloads of tree nodes (layout in docs/store-format.md). A leaf is {@code 0x01, varint count, times,
 * values}; a core node is {@code 0x02, pw, start, non-empty mask, version mask, versions, slot summaries}.
 * Decoding throws {@link IllegalArgumentException} on malformed input. Thread-safe (scratch is thread-local).
 */
public final class NodeCodec {

    public static final int LEAF = 1;
    public static final int CORE = 2;

    /** Largest point count a leaf block may claim; bounds allocation when decoding a damaged block. */
    public static final int MAX_LEAF_POINTS = 1 << 24;

    private static final ThreadLocal<long[][]> SCRATCH = ThreadLocal.withInitial(() -> new long[][] {new long[2048]});

    private NodeCodec() {}

    public static long[] scratch(int n) {
        long[][] holder = SCRATCH.get();
        if (holder[0].length < n) {
            holder[0] = new long[Math.max(n, holder[0].length * 2)];
        }
        return holder[0];
    }

    public static void encode(Node node, ByteSink out) {
        if (node instanceof Leaf leaf) {
            encodeLeaf(leaf, out);
        } else {
            encodeCore((Core) node, out);
        }
    }

    public static void encodeLeaf(Leaf leaf, ByteSink out) {
        int n = leaf.size();
        out.putByte(LEAF);
        out.putVarLong(n);
        long[] scratch = scratch(n);
        TimeCodec.encode(leaf.times(), 0, n, out, scratch);
        ValueCodec.encode(leaf.values(), 0, n, out, scratch);
    }

    private static void encodeCore(Core core, ByteSink out) {
        if (core.hasPendingChildren()) {
            throw new IllegalStateException("core node with unwritten children cannot be encoded");
        }
        out.putByte(CORE);
        out.putByte(core.pw);
        out.putLong(core.start);
        long present = 0;
        long versioned = 0;
        for (int i = 0; i < TreeGeometry.FANOUT; i++) {
            present |= core.hasChild(i) ? 1L << i : 0;
            versioned |= core.slotVersion(i) != 0 ? 1L << i : 0;
        }
        out.putLong(present);
        out.putLong(versioned);
        for (int i = 0; i < TreeGeometry.FANOUT; i++) {
            long version = core.slotVersion(i);
            if (version != 0) {
                out.putVarLong(version);
            }
        }
        for (int i = 0; i < TreeGeometry.FANOUT; i++) {
            if (core.hasChild(i)) {
                out.putVarLong(core.slotAddress(i));
                out.putVarLong(core.slotCount(i));
                out.putDouble(core.slotMin(i));
                out.putDouble(core.slotMean(i));
                out.putDouble(core.slotMax(i));
            }
        }
    }

    public static Node decode(ByteSource in) {
        int type = in.getByte();
        return switch (type) {
            case LEAF -> decodeLeaf(in);
            case CORE -> decodeCore(in);
            default -> throw new IllegalArgumentException("unknown block type [type=" + type + "]");
        };
    }

    private static Leaf decodeLeaf(ByteSource in) {
        int n = in.getVarInt(MAX_LEAF_POINTS);
        long[] times = new long[n];
        double[] values = new double[n];
        long[] scratch = scratch(n);
        TimeCodec.decode(in, times, n, scratch);
        ValueCodec.decode(in, values, n, scratch);
        return new Leaf(times, values);
    }

    private static Core decodeCore(ByteSource in) {
        int pw = in.getByte();
        long start = in.getLong();
        long present = in.getLong();
        long versioned = in.getLong();
        int n = TreeGeometry.FANOUT;
        long[] addr = new long[n];
        long[] counts = new long[n];
        double[] mins = new double[n];
        double[] means = new double[n];
        double[] maxs = new double[n];
        long[] versions = new long[n];
        for (int i = 0; i < n; i++) {
            if ((versioned & (1L << i)) != 0) {
                versions[i] = in.getVarLong();
            }
        }
        for (int i = 0; i < n; i++) {
            if ((present & (1L << i)) != 0) {
                addr[i] = in.getVarLong();
                counts[i] = in.getVarLong();
                mins[i] = in.getDouble();
                means[i] = in.getDouble();
                maxs[i] = in.getDouble();
                if (counts[i] <= 0 || addr[i] == 0) {
                    throw new IllegalArgumentException("empty child in present slot [slot=" + i + "]");
                }
            }
        }
        if (pw < TreeGeometry.MIN_CORE_PW || pw > TreeGeometry.ROOT_PW) {
            throw new IllegalArgumentException("core point width out of range [pw=" + pw + "]");
        }
        return Core.stored(pw, start, addr, counts, mins, means, maxs, versions);
    }
}
