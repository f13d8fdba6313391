// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.api.grpc.internal.v5api.InsertParams;
import io.qss.api.grpc.internal.v5api.MergePolicy;
import io.qss.api.grpc.internal.v5api.RawPoint;
import io.qss.api.grpc.internal.v5api.RawValuesResponse;
import io.qss.api.grpc.internal.v5api.RoundSpec;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hand-written codecs of the two bulk calls against protobuf's own encoding of the same messages. */
class WireCodecTest {

    @Test
    void givenPoints_whenEncodedByRawEncoder_thenProtobufParsesTheSameMessage() throws Exception {
        RawEncoder encoder = new RawEncoder(3, 12, 300);
        assertEquals(false, encoder.add(-5, 1.5));
        assertEquals(false, encoder.add(0, 0));
        assertTrue(encoder.add(Long.MAX_VALUE, -Double.MAX_VALUE));
        Encoded encoded = encoder.take();

        RawValuesResponse parsed = RawValuesResponse.parseFrom(Arrays.copyOf(encoded.bytes(), encoded.length()));

        assertEquals(
                RawValuesResponse.newBuilder()
                        .setVersionMajor(12)
                        .setVersionMinor(300)
                        .addValues(RawPoint.newBuilder().setTime(-5).setValue(1.5))
                        .addValues(RawPoint.newBuilder().setTime(0).setValue(0))
                        .addValues(RawPoint.newBuilder().setTime(Long.MAX_VALUE).setValue(-Double.MAX_VALUE))
                        .build(),
                parsed);
        assertEquals(0, encoder.count());
    }

    @Test
    void givenProtobufInsertParams_whenDecodedIntoArrays_thenEveryFieldMatches() throws Exception {
        InsertParams.Builder params = InsertParams.newBuilder()
                .setUuid(Streams.bytes(new UUID(3, 4)))
                .setSync(true)
                .setMergePolicy(MergePolicy.RETAIN)
                .setRounding(RoundSpec.newBuilder().setBits(8));
        for (int i = 0; i < 1000; i++) {
            params.addValues(RawPoint.newBuilder().setTime(i - 500).setValue(i * 0.5));
        }

        InsertRequest request = InsertRequest.parse(params.build().toByteArray());

        assertEquals(new UUID(3, 4), Streams.uuid(request.uuid()));
        assertTrue(request.sync());
        assertEquals(2, request.mergePolicy());
        assertEquals(1000, request.count());
        assertEquals(-500, request.times()[0]);
        assertEquals(499, request.times()[999]);
        assertArrayEquals(new double[] {0, 0.5, 1}, Arrays.copyOf(request.values(), 3));
    }
}
