// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import io.qss.api.grpc.internal.v5api.CreateParams;
import io.qss.api.grpc.internal.v5api.KeyOptValue;
import io.qss.api.grpc.internal.v5api.OptValue;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A real store in a temporary folder, the server on a free loopback port, and clients with or without a key. */
final class Fixture implements AutoCloseable {

    final TimeSeriesStoreImpl store;
    final BinaryServer server;
    private final List<ManagedChannel> channels = new ArrayList<>();

    Fixture(Path dir) throws Exception {
        this(dir, FakeAccess.WRITER);
    }

    /** @param capnpKey the key whose rights capnp connections get; empty for anonymous */
    Fixture(Path dir, String capnpKey) throws Exception {
        store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults());
        Streams streams = new Streams(store, new FakeAccess());
        server = BinaryServer.start(
                ServerSettings.defaults("127.0.0.1", 0), new CapnpSettings(true, capnpKey, "lab/capnp"), streams);
    }

    /** A blocking stub; {@code key} null means anonymous. */
    BTrDBGrpc.BTrDBBlockingStub client(String key) {
        ManagedChannel channel = plaintextChannel(server.port());
        channels.add(channel);
        return withKey(BTrDBGrpc.newBlockingStub(channel), key);
    }

    /** A plaintext channel to the loopback port that takes large answers. */
    static ManagedChannel plaintextChannel(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .maxInboundMessageSize(64 << 20)
                .build();
    }

    /** The stub sending {@code authorization: Bearer key}; unchanged (anonymous) when {@code key} is null. */
    static BTrDBGrpc.BTrDBBlockingStub withKey(BTrDBGrpc.BTrDBBlockingStub stub, String key) {
        if (key == null) {
            return stub;
        }
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    static CreateParams create(UUID uuid, String collection, String name) {
        return CreateParams.newBuilder()
                .setUuid(Streams.bytes(uuid))
                .setCollection(collection)
                .addTags(KeyOptValue.newBuilder()
                        .setKey("name")
                        .setVal(OptValue.newBuilder().setValue(name)))
                .build();
    }

    @Override
    public void close() throws Exception {
        channels.forEach(ManagedChannel::shutdownNow);
        server.close();
        store.close();
    }
}
