// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.auth.internal.AccessControlImpl;
import io.qss.store.file.FileVolumes;
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
 * What every transport's suite runs against: a real store in a temporary folder holding {@link TestData}, and real
 * access control over embedded MongoDB (tag {@code public} reads {@code /upmu}, {@code all} reads {@code /},
 * {@code lab} reads {@code /lab}). Keys: {@link #labReader} (tag {@code lab}), {@link #writer} (tags {@code lab},
 * {@code all}, write). A transport's fixture extends it with its listener; close it after use.
 */
public class SuiteData implements AutoCloseable {

    public final TimeSeriesStoreImpl store;
    public final AccessControlImpl access;
    public final String labReader;
    public final String writer;
    /** A client of the embedded MongoDB, for fixtures that keep more than access control there. */
    public final MongoClient mongo;

    private final Path dir;
    private final MongoServer mongoServer;

    public SuiteData() throws Exception {
        dir = Files.createTempDirectory("qss-suite");
        store = TimeSeriesStoreImpl.open(FileVolumes.open(dir.resolve("store")), StoreOptions.defaults());
        mongoServer = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = mongoServer.bind();
        mongo = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        access = AccessControlImpl.over(mongo, Map.of("public", List.of("/upmu"), "all", List.of("/")));
        access.reload();
        access.setTagPrefixes("lab", List.of("/lab"));
        labReader = access.createApiKey("lab reader", Set.of("lab"), false).secret();
        writer = access.createApiKey("loader", Set.of("lab", "all"), true).secret();
        TestData.load(store);
    }

    @Override
    public void close() throws Exception {
        store.close();
        mongo.close();
        mongoServer.shutdownNow();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
