// SPDX-License-Identifier: Apache-2.0
package io.qss.mongo.internal;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * The embedded MongoDB: mongo-java-server with its H2 backend persisting in one file, listening on a loopback socket
 * so the real driver (and any mongo tool) talks to it over the wire protocol.
 *
 * <p>Every write command is on disk before its reply is sent ({@link DurableBackend}), whoever the client is.
 * Thread-safe.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final H2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(H2Backend backend, MongoServer server, InetSocketAddress address) {
        this.backend = backend;
        this.server = server;
        this.address = address;
    }

    /**
     * Opens (or creates) the database file and listens on {@code host:port}; port 0 picks a free one.
     *
     * @throws IOException when the file cannot be opened or the port cannot be bound
     */
    public static EmbeddedMongo start(Path file, String host, int port) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        MVStore store = openStore(file);
        H2Backend backend = new H2Backend(store);
        MongoServer server = new MongoServer(new DurableBackend(backend, () -> makeDurable(store)));
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            backend.close();
            throw new IOException("embedded MongoDB could not listen [host=" + host + ", port=" + port + "]", e);
        }
        return new EmbeddedMongo(backend, server, server.getLocalAddress());
    }

    private static MVStore openStore(Path file) throws IOException {
        try {
            return new MVStore.Builder().fileName(file.toString()).compress().open();
        } catch (RuntimeException e) {
            throw new IOException("embedded MongoDB file could not be opened [file=" + file + "]", e);
        }
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return address;
    }

    /** A connection string for the driver, e.g. {@code mongodb://127.0.0.1:27018}. */
    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** Writes every change the server has applied so far to the file and forces it to disk. */
    private static void makeDurable(MVStore store) {
        store.commit();
        store.sync();
    }

    /** Stops listening and closes the file cleanly (a full commit). */
    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
