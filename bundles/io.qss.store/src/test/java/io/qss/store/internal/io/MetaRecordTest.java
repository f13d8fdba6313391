// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.qss.store.api.StreamInfo;
import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.codec.ByteSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Stream properties in the metadata: the same properties always encode to the same bytes, whatever order their maps
 * iterate in, so two runs of the same writes give byte-equal metadata logs and checkpoints. Superblocks: the bytes of
 * both encodings (with and without a commit time) are fixed here, since logs and checkpoints hold them for good.
 */
class MetaRecordTest {

    private static final UUID STREAM = new UUID(0x5155, 42);
    /** STREAM as the records write it: msb, then lsb, each a little-endian u64. */
    private static final String STREAM_BYTES = "5551000000000000" + "2a00000000000000";

    @Test
    void givenSameTagsInsertedInOppositeOrders_whenEncoded_thenByteEqualAndDecodeToTheSameProperties() {
        MetaRecord.Props forward = props(entries(false), entries(true));
        MetaRecord.Props backward = props(entries(true), entries(false));

        byte[] a = encode(forward);
        byte[] b = encode(backward);

        assertArrayEquals(a, b);
        MetaRecord decoded = MetaRecord.decode(new ByteSource(a, 0, a.length));
        assertEquals(forward, decoded);
    }

    @Test
    void givenStreamInfosBuiltInDifferentInsertionOrders_whenEncoded_thenByteEqual() {
        StreamInfo one = new StreamInfo(STREAM, "pmu/a", entries(false), entries(true), 3);
        StreamInfo two = new StreamInfo(STREAM, "pmu/a", entries(true), entries(false), 3);

        assertArrayEquals(encode(propsOf(one)), encode(propsOf(two)));
    }

    @Test
    void givenSuperblockWithCommitTime_whenEncoded_thenTimedRecordBytesAndDecodesBackWithItsTime() {
        MetaRecord.Superblock sb =
                new MetaRecord.Superblock(STREAM, 12, 1L << 40 | 16, 300, 7, 4096, 1_765_000_000_000L);

        byte[] bytes = encode(sb);

        assertEquals(
                "05" + STREAM_BYTES + "0c" + "908080808020" + "ac02" + "07" + "8020" + "80e4ca91af33",
                HexFormat.of().formatHex(bytes));
        assertEquals(sb, MetaRecord.decode(new ByteSource(bytes, 0, bytes.length)));
    }

    /** A version without a time (written before format 3, or moved by compaction since) keeps the old bytes. */
    @Test
    void givenSuperblockWithoutCommitTime_whenEncoded_thenFormat2BytesAndDecodesAsTimeUnknown() {
        MetaRecord.Superblock sb = new MetaRecord.Superblock(STREAM, 12, 1L << 40 | 16, 300, 7, 4096);

        byte[] bytes = encode(sb);

        assertEquals(
                "02" + STREAM_BYTES + "0c" + "908080808020" + "ac02" + "07" + "8020",
                HexFormat.of().formatHex(bytes));
        MetaRecord.Superblock decoded =
                (MetaRecord.Superblock) MetaRecord.decode(new ByteSource(bytes, 0, bytes.length));
        assertEquals(sb, decoded);
        assertFalse(decoded.hasCommitTime());
        assertEquals(MetaRecord.Superblock.TIME_UNKNOWN, decoded.commitMillis());
    }

    @Test
    void givenSuperblockMovedByCompaction_whenRootChanged_thenItKeepsItsCommitTime() {
        MetaRecord.Superblock sb = new MetaRecord.Superblock(STREAM, 12, 99, 300, 7, 4096, 1_765_000_000_000L);

        assertEquals(new MetaRecord.Superblock(STREAM, 12, 5, 300, 7, 4096, 1_765_000_000_000L), sb.withRoot(5));
    }

    private static MetaRecord.Props propsOf(StreamInfo info) {
        return new MetaRecord.Props(
                info.uuid(), info.propertyVersion(), info.collection(), info.tags(), info.annotations());
    }

    private static MetaRecord.Props props(Map<String, String> tags, Map<String, String> annotations) {
        return new MetaRecord.Props(STREAM, 3, "pmu/a", tags, annotations);
    }

    /** Forty entries, inserted in ascending or descending key order (the map keeps that order). */
    private static Map<String, String> entries(boolean descending) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            int k = descending ? 39 - i : i;
            map.put("key" + k, "value " + k);
        }
        return map;
    }

    private static byte[] encode(MetaRecord record) {
        ByteSink out = new ByteSink(256);
        record.encode(out);
        return out.toByteArray();
    }
}
