// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelPipeline;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.netty.shaded.io.netty.util.concurrent.Future;
import io.grpc.netty.shaded.io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener of the binary API: gRPC v5api, and on the same port capnp 3.x for connections that do not start
 * with the HTTP/2 preface; optionally a second port serving the same gRPC service over TLS. Plain Java;
 * {@link #close} stops both and waits for their threads.
 */
final class BinaryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BinaryServer.class);
    private static final long STOP_SECONDS = 5;

    private final Server server;
    private final ServerServiceDefinition service;
    private final ServerSettings settings;
    private final Threads threads;
    private volatile Server tls;

    private BinaryServer(Server server, ServerServiceDefinition service, ServerSettings settings, Threads threads) {
        this.server = server;
        this.service = service;
        this.settings = settings;
        this.threads = threads;
    }

    /**
     * Every thread the listener runs on, owned here rather than borrowed from grpc's process-wide pools: those are
     * released a while after the last server stops, by which time a stopped bundle's classes are gone, and their
     * threads die with {@code NoClassDefFoundError}. Netty's thread factory, so the threads clean up netty's thread
     * locals themselves when they end.
     */
    private record Threads(EventLoopGroup boss, EventLoopGroup workers, ExecutorService calls) {

        static Threads start(int callThreads) {
            return new Threads(
                    new MultiThreadIoEventLoopGroup(
                            1, new DefaultThreadFactory("qss-grpc-accept", true), NioIoHandler.newFactory()),
                    new MultiThreadIoEventLoopGroup(
                            0, new DefaultThreadFactory("qss-grpc-io", true), NioIoHandler.newFactory()),
                    Executors.newFixedThreadPool(callThreads, new DefaultThreadFactory("qss-grpc-call", true)));
        }

        NettyServerBuilder apply(NettyServerBuilder builder) {
            return builder.bossEventLoopGroup(boss)
                    .workerEventLoopGroup(workers)
                    .channelType(NioServerSocketChannel.class)
                    .executor(calls);
        }

        /** Stops the calls, then the event loops, and waits for each until its threads have ended. */
        void stop() {
            calls.shutdownNow();
            awaitQuietly("call threads", () -> calls.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS));
            Future<?> bossDone = boss.shutdownGracefully(0, STOP_SECONDS, TimeUnit.SECONDS);
            Future<?> workersDone = workers.shutdownGracefully(0, STOP_SECONDS, TimeUnit.SECONDS);
            awaitQuietly("accept thread", () -> bossDone.await(2 * STOP_SECONDS, TimeUnit.SECONDS));
            awaitQuietly("I/O threads", () -> workersDone.await(2 * STOP_SECONDS, TimeUnit.SECONDS));
            // netty runs listeners of the loops' termination on its global executor: let it finish too
            awaitQuietly(
                    "netty's global executor",
                    () -> GlobalEventExecutor.INSTANCE.awaitInactivity(2 * STOP_SECONDS, TimeUnit.SECONDS));
        }
    }

    /** A wait that says whether it saw the end. */
    private interface Wait {
        boolean await() throws InterruptedException;
    }

    private static void awaitQuietly(String what, Wait wait) {
        try {
            if (!wait.await()) {
                LOG.warn("binary API {} still running after the stop timeout", what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // the global executor's thread had already ended; nothing to wait for
        }
    }

    /** Binds and starts serving; the returned server listens when this returns. */
    static BinaryServer start(ServerSettings settings, CapnpSettings capnp, Streams streams) throws IOException {
        Threads threads = Threads.start(settings.threads());
        Consumer<ChannelPipeline> other = Capnp.installer(streams, capnp, threads.calls());
        ServerServiceDefinition service = ServerInterceptors.intercept(
                new BtrdbService(streams, settings).definition(), new Callers(streams.access()));
        // The handshake timer would close sniffed non-gRPC connections, which never finish an HTTP/2 handshake.
        Server server = threads.apply(NettyServerBuilder.forAddress(
                        new InetSocketAddress(settings.host(), settings.port()),
                        InternalNettyServerCredentials.create(new Sniffer(pipeline -> {
                            pipeline.addLast(new ForeignWriteCloser());
                            other.accept(pipeline);
                        }))))
                .handshakeTimeout(Long.MAX_VALUE, TimeUnit.MILLISECONDS)
                .maxInboundMessageSize(settings.maxMessageBytes())
                .addService(service)
                .build();
        try {
            server.start();
        } catch (IOException e) {
            threads.stop();
            throw new IOException(
                    "binary API listener not started [host=" + settings.host() + ", port=" + settings.port() + "]", e);
        }
        return new BinaryServer(server, service, settings, threads);
    }

    /**
     * Starts the TLS listener on {@code tls.port()} (same host, service, API keys and call threads; the event loops
     * are grpc's shared ones). Nothing is loaded for TLS unless this is called, and a failure leaves the plaintext
     * listener serving.
     */
    void startTls(TlsSettings tls) throws IOException {
        Server started = threads.apply(
                        NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), tls.port())))
                .sslContext(TlsContext.server(tls))
                .maxInboundMessageSize(settings.maxMessageBytes())
                .addService(service)
                .build();
        try {
            started.start();
        } catch (IOException e) {
            throw new IOException(
                    "binary API TLS listener not started [host=" + settings.host() + ", tlsPort=" + tls.port() + "]",
                    e);
        }
        this.tls = started;
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

    /**
     * Stops both listeners (calls in progress get up to {@value #STOP_SECONDS} s), then every thread of the
     * listener, and returns once they have ended, so nothing of this bundle runs after it is stopped.
     */
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
        threads.stop();
    }

    private static void stop(Server server) {
        server.shutdown();
        try {
            if (!server.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
                server.shutdownNow().awaitTermination(STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
