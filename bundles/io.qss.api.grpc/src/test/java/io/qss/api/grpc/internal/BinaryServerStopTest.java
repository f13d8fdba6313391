// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import io.qss.api.grpc.internal.v5api.InfoParams;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stopped listener leaves no thread behind: in the container, a thread that outlives its bundle dies with
 * {@code NoClassDefFoundError} once the bundle's classes are gone. The client here brings and stops its own threads,
 * so every grpc or netty thread still alive after {@code close()} is the server's.
 */
class BinaryServerStopTest {

    @TempDir
    Path dir;

    @Test
    void givenServedGrpcAndAnOpenCapnpConnection_whenClosed_thenNoThreadOfTheListenerIsLeft() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (Fixture fixture = new Fixture(dir);
                CapnpWire capnp = new CapnpWire(fixture.server.port())) {
            callInfoWithOwnThreads(fixture.server.port());
            assertTrue(listenerThreads(before).size() > 0, "the listener runs on threads");
        }
        // grpc's shared resources (its default offload executor, used by the client channel too) are released one
        // second after their last user and their destroyer thread ends after that: a leak is a thread still alive
        // well beyond it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> left = listenerThreads(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = listenerThreads(before);
        }
        assertTrue(left.isEmpty(), "still alive 5 s after close(): " + left);
    }

    private static void callInfoWithOwnThreads(int port) throws InterruptedException {
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ExecutorService executor = Executors.newSingleThreadExecutor();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .eventLoopGroup(loop)
                .channelType(NioSocketChannel.class)
                .executor(executor)
                .build();
        try {
            assertEquals(
                    5,
                    BTrDBGrpc.newBlockingStub(channel)
                            .info(InfoParams.getDefaultInstance())
                            .getMajorVersion());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    /** Threads started since {@code before}, still alive, that belong to grpc or netty (or the listener). */
    private static List<String> listenerThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("qss-grpc")
                        || name.startsWith("grpc-")
                        || name.startsWith("globalEventExecutor")
                        || name.startsWith("ObjectCleanerThread"))
                .sorted()
                .toList();
    }
}
