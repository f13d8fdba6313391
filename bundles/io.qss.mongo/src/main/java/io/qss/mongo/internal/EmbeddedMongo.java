// SPDX-License-Identifier: Apache-2.0
package io.qss.mongo.internal;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded MongoDB: mongo-java-server with its H2 backend persisting in one file, listening on a loopback socket
 * so the real driver (and any mongo tool) talks to it over the wire protocol.
 *
 * <p>Every write command is on disk before its reply is sent, and a file closed by a failed write (a full disk) is
 * reopened from disk by the next command ({@link DurableBackend}, {@link H2File}); the server keeps its port all
 * along. Thread-safe.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final H2File file;
    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(H2File file, MongoServer server, InetSocketAddress address) {
        this.file = file;
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
        H2File h2 = H2File.open(file);
        MongoServer server = new MongoServer(new DurableBackend(h2));
        try {
            server.bind(host, port);
        } catch (Exception e) { // netty throws the checked BindException undeclared
            server.shutdownNow();
            h2.close();
            throw new IOException("embedded MongoDB could not listen [host=" + host + ", port=" + port + "]", e);
        }
        return new EmbeddedMongo(h2, server, server.getLocalAddress());
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return address;
    }

    /** A connection string for the driver, e.g. {@code mongodb://127.0.0.1:27018}. */
    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** How often the file was reopened after a failed write closed it. */
    public int reopens() {
        return file.reopens();
    }

    /** Stops listening and closes the file cleanly (a full commit). */
    @Override
    public void close() {
        server.shutdownNow();
        file.close();
    }
}
