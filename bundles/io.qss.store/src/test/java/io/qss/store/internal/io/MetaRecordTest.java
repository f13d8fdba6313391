// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.store.api.StreamInfo;
import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.codec.ByteSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Stream properties in the metadata: the same properties always encode to the same bytes, whatever order their maps
 * iterate in, so two runs of the same writes give byte-equal metadata logs and checkpoints.
 */
class MetaRecordTest {

    private static final UUID STREAM = new UUID(0x5155, 42);

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
