// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Deadlines on a fake clock: unconnected sockets stand in for clients. */
class ConnectionTableTest {

    private static final long S = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * S);
    private final ConnectionLimits limits = new ConnectionLimits(10, 10, 600 * S, 30 * S, 1000, 10 * S);

    @Test
    void givenHeaderBegun_whenDeadlinePasses_thenOverdueButNotBefore() {
        Connection c = new Connection(new Socket(), now::get);
        c.enter(Connection.Phase.HEADER);

        now.addAndGet(30 * S);
        assertNull(c.overdue(now.get(), limits));
        now.addAndGet(1);
        assertTrue(c.overdue(now.get(), limits).startsWith("header not complete in time"));
    }

    /**
     * A sender's next file a minute after its last one: the watchdog, reading the connection while its serving thread
     * moves from idle to header, must never pair the new phase with the old phase's start (that closed a healthy
     * sender's connection as "header not complete in time" under a 5,000-device load).
     */
    @Test
    void givenWatchdogReadingWhilePhasesChange_whenHeaderJustBegan_thenNeverOverdue() throws Exception {
        Connection c = new Connection(new Socket(), now::get);
        AtomicLong falseTimeouts = new AtomicLong();
        AtomicLong checks = new AtomicLong();
        Thread watchdog = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (c.overdue(now.get(), limits) != null) {
                    falseTimeouts.incrementAndGet();
                }
                checks.incrementAndGet();
            }
        });
        watchdog.start();
        try {
            long deadline = System.nanoTime() + 2 * S;
            for (int i = 0; i < 20_000_000 && System.nanoTime() < deadline; i++) {
                c.enter(Connection.Phase.IDLE);
                now.addAndGet(60 * S);
                c.enter(Connection.Phase.HEADER);
            }
        } finally {
            watchdog.interrupt();
            watchdog.join();
        }
        assertTrue(checks.get() > 0);
        assertEquals(0, falseTimeouts.get(), "checks=" + checks.get());
    }

    @Test
    void givenIdleBetweenFiles_whenWithinIdleTimeout_thenNotOverdue() {
        Connection c = new Connection(new Socket(), now::get);
        now.addAndGet(599 * S);
        assertNull(c.overdue(now.get(), limits), "a device may wait minutes between files");
        now.addAndGet(2 * S);
        assertTrue(c.overdue(now.get(), limits).startsWith("idle too long"));
    }

    @Test
    void givenBody_whenSlowerThanMinimumOverAWindow_thenOverdue() {
        Connection c = new Connection(new Socket(), now::get);
        c.enter(Connection.Phase.BODY);
        now.addAndGet(10 * S);
        c.received(10_000);
        assertNull(c.overdue(now.get(), limits), "10,000 bytes in 10 s is fast enough");
        now.addAndGet(10 * S);
        c.received(9_999);
        assertTrue(c.overdue(now.get(), limits).startsWith("file body too slow"));
    }

    @Test
    void givenStoring_whenLong_thenNeverOverdueNorEvicted() throws Exception {
        ConnectionTable table =
                new ConnectionTable(new ConnectionLimits(1, 1, S, S, 1000, S), new ReceiverPressure(now::get, 60 * S));
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                Socket a = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket b = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            Connection storing = new Connection(a, now::get);
            table.admit(storing);
            storing.enter(Connection.Phase.STORING);
            now.addAndGet(3600 * S);

            assertEquals(0, table.closeOverdue(now.get()));
            table.admit(new Connection(b, now::get));
            assertEquals(2, table.size(), "a connection making its file durable is not evicted");
        }
    }
}
