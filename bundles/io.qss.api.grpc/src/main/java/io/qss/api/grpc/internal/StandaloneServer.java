// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.qss.auth.AccessControl;
import io.qss.store.api.TimeSeriesStore;
import java.io.IOException;

/**
 * The binary API outside OSGi, for benchmarks and tools: the same listener the component starts, on a store and an
 * access control given by the caller. Not exported from the bundle.
 */
public final class StandaloneServer implements AutoCloseable {

    private final BinaryServer server;

    private StandaloneServer(BinaryServer server) {
        this.server = server;
    }

    /** Starts listening on {@code host:port} (0 = a free port) with default settings and capnp on. */
    public static StandaloneServer start(String host, int port, TimeSeriesStore store, AccessControl access)
            throws IOException {
        Streams streams = new Streams(store, access);
        return new StandaloneServer(
                BinaryServer.start(ServerSettings.defaults(host, port), CapnpSettings.defaults(), streams));
    }

    /** The port listened on. */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
