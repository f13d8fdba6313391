// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.api.rest.internal.TestData;
import io.qss.auth.internal.AccessControlImpl;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The binary API over the shared query suite's data ({@link TestData}) with the REST fixture's real access control
 * (embedded MongoDB; tag {@code public} reads {@code /upmu}, {@code all} reads {@code /}, {@code lab} reads
 * {@code /lab}). {@link #server} serves gRPC and anonymous capnp; {@link #labCapnp} serves capnp with the rights of
 * {@link #labReader} (capnp carries no credentials, so a key is a server setting), {@link #writerCapnp} those of
 * {@link #writer} (tags {@code lab} and {@code all}, write). Close it after use.
 */
final class SuiteFixture implements AutoCloseable {

    final Path dir;
    final TimeSeriesStoreImpl store;
    final AccessControlImpl access;
    final String labReader;
    final String writer;
    final BinaryServer server;
    final BinaryServer labCapnp;
    final BinaryServer writerCapnp;
    private final MongoServer mongoServer;
    private final MongoClient mongo;

    SuiteFixture() throws Exception {
        dir = Files.createTempDirectory("qss-grpc-suite");
        store = TimeSeriesStoreImpl.open(dir.resolve("store"), StoreOptions.defaults());
        mongoServer = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = mongoServer.bind();
        mongo = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        access = AccessControlImpl.over(mongo, Map.of("public", List.of("/upmu"), "all", List.of("/")));
        access.reload();
        access.setTagPrefixes("lab", List.of("/lab"));
        labReader = access.createApiKey("lab reader", Set.of("lab"), false).secret();
        writer = access.createApiKey("loader", Set.of("lab", "all"), true).secret();
        TestData.load(store);
        Streams streams = new Streams(store, access);
        server = BinaryServer.start(ServerSettings.defaults("127.0.0.1", 0), new CapnpSettings(true, "", "capnp"),
                streams);
        labCapnp = BinaryServer.start(ServerSettings.defaults("127.0.0.1", 0),
                new CapnpSettings(true, labReader, "capnp"), streams);
        writerCapnp = BinaryServer.start(ServerSettings.defaults("127.0.0.1", 0),
                new CapnpSettings(true, writer, "capnp"), streams);
    }

    @Override
    public void close() throws Exception {
        writerCapnp.close();
        labCapnp.close();
        server.close();
        store.close();
        mongo.close();
        mongoServer.shutdownNow();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
