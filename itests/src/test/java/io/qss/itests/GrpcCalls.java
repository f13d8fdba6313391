// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import com.google.protobuf.ByteString;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import io.qss.api.grpc.internal.v5api.CreateParams;
import io.qss.api.grpc.internal.v5api.InsertParams;
import io.qss.api.grpc.internal.v5api.KeyOptValue;
import io.qss.api.grpc.internal.v5api.OptValue;
import io.qss.api.grpc.internal.v5api.RawPoint;
import io.qss.api.grpc.internal.v5api.RawValuesParams;
import io.qss.api.grpc.internal.v5api.RawValuesResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What the binary-API tests send through the generated gRPC client. Stateless. */
final class GrpcCalls {

    private static final long DAY = 86_400_000_000_000L;

    private GrpcCalls() {}

    /** Raw points of the stream in the day from {@code start}, or minus the status code when the call is refused. */
    static long count(BTrDBGrpc.BTrDBBlockingStub client, UUID id, long start) {
        List<RawValuesResponse> messages = new ArrayList<>();
        client.rawValues(RawValuesParams.newBuilder()
                        .setUuid(bytes(id))
                        .setStart(start)
                        .setEnd(start + DAY)
                        .build())
                .forEachRemaining(messages::add);
        int code = messages.get(messages.size() - 1).getStat().getCode();
        return code != 0
                ? -code
                : messages.stream().mapToLong(RawValuesResponse::getValuesCount).sum();
    }

    /** Creates a stream named L1MAG in the collection. */
    static CreateParams create(UUID id, String collection) {
        return CreateParams.newBuilder()
                .setUuid(bytes(id))
                .setCollection(collection)
                .addTags(KeyOptValue.newBuilder()
                        .setKey("name")
                        .setVal(OptValue.newBuilder().setValue("L1MAG")))
                .build();
    }

    /** {@code count} points at 120 Hz from {@code start}, valued 0, 1, 2... */
    static InsertParams insert(UUID id, long start, int count) {
        InsertParams.Builder insert = InsertParams.newBuilder().setUuid(bytes(id));
        for (int i = 0; i < count; i++) {
            insert.addValues(
                    RawPoint.newBuilder().setTime(start + i * 8_333_333L).setValue(i));
        }
        return insert.build();
    }

    /** The client sending an API key in the header btrdb-python and the Go client use. */
    static BTrDBGrpc.BTrDBBlockingStub withKey(BTrDBGrpc.BTrDBBlockingStub client, String key) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
        return client.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    static ByteString bytes(UUID id) {
        return ByteString.copyFrom(ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .flip());
    }
}
