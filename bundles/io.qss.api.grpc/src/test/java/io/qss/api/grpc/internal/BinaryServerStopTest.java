// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.api.grpc.internal.v5api.InfoParams;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stopped listener leaves no thread behind: in the container, a thread that outlives its bundle dies with
 * {@code NoClassDefFoundError} once the bundle's classes are gone.
 */
class BinaryServerStopTest {

    @TempDir
    Path dir;

    @Test
    void givenServedGrpcAndAnOpenCapnpConnection_whenClosed_thenNoThreadOfTheListenerIsLeft() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (Fixture fixture = new Fixture(dir); CapnpWire capnp = new CapnpWire(fixture.server.port())) {
            assertEquals(5, fixture.client(FakeAccess.WRITER).info(InfoParams.getDefaultInstance()).getMajorVersion());
            assertTrue(listenerThreads(before).size() > 0, "the listener runs on threads of its own");
        }
        List<String> left = listenerThreads(before);
        assertTrue(left.isEmpty(), "still alive after close(): " + left);
    }

    /** Threads started since {@code before} that belong to the listener or to its copy of netty. */
    private static List<String> listenerThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> !before.contains(thread))
                .filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("qss-grpc") || name.startsWith("globalEventExecutor")
                        || name.startsWith("grpc-nio-boss") || name.startsWith("ObjectCleanerThread"))
                .sorted().toList();
    }
}
