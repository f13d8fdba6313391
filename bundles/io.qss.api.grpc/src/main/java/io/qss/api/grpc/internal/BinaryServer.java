// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelPipeline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The listener of the binary API: gRPC v5api, and on the same port capnp 3.x for connections that do not start
 * with the HTTP/2 preface; optionally a second port serving the same gRPC service over TLS. Plain Java;
 * {@link #close} stops both and their threads.
 */
final class BinaryServer implements AutoCloseable {

    private final Server server;
    private final ServerServiceDefinition service;
    private final ServerSettings settings;
    private final ExecutorService executor;
    private volatile Server tls;

    private BinaryServer(Server server, ServerServiceDefinition service, ServerSettings settings,
            ExecutorService executor) {
        this.server = server;
        this.service = service;
        this.settings = settings;
        this.executor = executor;
    }

    /** Binds and starts serving; the returned server listens when this returns. */
    static BinaryServer start(ServerSettings settings, CapnpSettings capnp, Streams streams) throws IOException {
        ExecutorService executor = Executors.newFixedThreadPool(settings.threads(), threads("qss-grpc-"));
        Consumer<ChannelPipeline> other = Capnp.installer(streams, capnp, executor);
        ServerServiceDefinition service = ServerInterceptors.intercept(new BtrdbService(streams, settings).definition(),
                new Callers(streams.access()));
        // The handshake timer would close sniffed non-gRPC connections, which never finish an HTTP/2 handshake.
        Server server = NettyServerBuilder
                .forAddress(new InetSocketAddress(settings.host(), settings.port()),
                        InternalNettyServerCredentials.create(new Sniffer(pipeline -> {
                            pipeline.addLast(new ForeignWriteCloser());
                            other.accept(pipeline);
                        })))
                .handshakeTimeout(Long.MAX_VALUE, TimeUnit.MILLISECONDS)
                .maxInboundMessageSize(settings.maxMessageBytes())
                .executor(executor)
                .addService(service)
                .build();
        try {
            server.start();
        } catch (IOException e) {
            executor.shutdownNow();
            throw new IOException("binary API listener not started [host=" + settings.host() + ", port="
                    + settings.port() + "]", e);
        }
        return new BinaryServer(server, service, settings, executor);
    }

    /**
     * Starts the TLS listener on {@code tls.port()} (same host, service, API keys and call threads; the event loops
     * are grpc's shared ones). Nothing is loaded for TLS unless this is called, and a failure leaves the plaintext
     * listener serving.
     */
    void startTls(TlsSettings tls) throws IOException {
        Server started = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), tls.port()))
                .sslContext(TlsContext.server(tls))
                .maxInboundMessageSize(settings.maxMessageBytes())
                .executor(executor)
                .addService(service)
                .build();
        try {
            started.start();
        } catch (IOException e) {
            throw new IOException("binary API TLS listener not started [host=" + settings.host() + ", tlsPort="
                    + tls.port() + "]", e);
        }
        this.tls = started;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    int port() {
        return port(server);
    }

    /** The TLS listener's port; 0 when it is not running. */
    int tlsPort() {
        Server current = tls;
        return current == null ? 0 : port(current);
    }

    private static int port(Server server) {
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    @Override
    public void close() {
        Server current = tls;
        if (current != null) {
            current.shutdown();
        }
        stop(server);
        if (current != null) {
            stop(current);
        }
        executor.shutdownNow();
    }

    private static void stop(Server server) {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
