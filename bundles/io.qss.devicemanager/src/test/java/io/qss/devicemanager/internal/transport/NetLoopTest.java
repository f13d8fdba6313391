// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The loop's read pacing over a real socket: a device writing a byte every 2 ms is read in a few calls per read
 * interval, not one call per byte, nothing is lost, and more than a round's share is read without waiting.
 */
class NetLoopTest {

    private static final int WRITES = 200;
    private static final long WRITE_GAP_MILLIS = 2;

    @Test
    void givenReadInterval100Ms_whenDeviceWritesEvery2Ms_thenFewReadsCarryEveryByte() throws Exception {
        Reads reads = trickle(100);

        assertEquals(WRITES, reads.bytes.get());
        long seconds = reads.elapsedMillis / 1000 + 1;
        assertTrue(
                reads.calls.get() <= 10 * seconds + 2,
                "reads " + reads.calls.get() + " in " + reads.elapsedMillis + " ms, at most one round per 100 ms");
    }

    @Test
    void givenNoReadInterval_whenDeviceWritesEvery2Ms_thenBytesAreReadAsTheyArrive() throws Exception {
        Reads reads = trickle(0);

        assertEquals(WRITES, reads.bytes.get());
        assertTrue(reads.calls.get() > 30, "reads " + reads.calls.get() + ": expected about one per write");
    }

    @Test
    void givenLongReadInterval_whenMoreDatagramsWaitThanARoundReads_thenTheRestIsReadWithoutWaiting() throws Exception {
        int burst = 150; // more than two rounds' share of a UDP link (64 datagrams each)
        Counter counter = new Counter(1 + burst);
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (NetLoop loop = new NetLoop("test-io", 2_000);
                DatagramSocket device = new DatagramSocket()) {
            UdpLink link =
                    new UdpLink(loop, "127.0.0.1", port, counter, new Backoff(100, 100, () -> 0.5), Runnable::run);
            link.open();
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (counter.bytes.get() == 0 && System.nanoTime() < deadline) {
                device.send(new DatagramPacket(new byte[] {1}, 1, to)); // until the port is bound and read
                Thread.sleep(20);
            }
            int first = counter.bytes.get();
            for (int i = 0; i < burst; i++) { // the loop now sleeps out its 2 s after that read
                device.send(new DatagramPacket(new byte[] {2}, 1, to));
            }
            long started = System.nanoTime();
            while (counter.bytes.get() < first + burst && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10)) {
                Thread.sleep(10);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(first + burst, counter.bytes.get(), "datagrams read");
            assertTrue(
                    millis < 3_500,
                    "took " + millis + " ms: the datagrams beyond a round's share waited for more" + " rounds of 2 s");
            link.close();
        }
    }

    private record Reads(AtomicInteger calls, AtomicInteger bytes, long elapsedMillis) {}

    /** Connects a link to a device that writes {@link #WRITES} bytes one at a time, 2 ms apart. */
    private static Reads trickle(long readIntervalMillis) throws Exception {
        Counter counter = new Counter(WRITES);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                NetLoop loop = new NetLoop("test-io", readIntervalMillis)) {
            TcpLink link = link(loop, server, counter);
            link.open();
            long started;
            try (Socket device = server.accept()) {
                device.setTcpNoDelay(true);
                OutputStream out = device.getOutputStream();
                started = System.nanoTime();
                for (int i = 0; i < WRITES; i++) {
                    out.write(i);
                    out.flush();
                    Thread.sleep(WRITE_GAP_MILLIS);
                }
                assertTrue(counter.all.await(10, TimeUnit.SECONDS), "all bytes read, got " + counter.bytes.get());
            }
            link.close();
            return new Reads(counter.calls, counter.bytes, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    private static TcpLink link(NetLoop loop, ServerSocket server, Counter counter) {
        return new TcpLink(
                loop,
                "127.0.0.1",
                server.getLocalPort(),
                counter,
                new Backoff(100, 100, () -> 0.5),
                Runnable::run,
                2000);
    }

    /** Counts the calls and bytes received; opens {@link #all} once the expected bytes arrived. */
    private static final class Counter implements LinkListener {

        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger bytes = new AtomicInteger();
        final CountDownLatch all = new CountDownLatch(1);
        private final int expected;

        Counter(int expected) {
            this.expected = expected;
        }

        @Override
        public void up() {}

        @Override
        public void received(byte[] chunk) {
            calls.incrementAndGet();
            if (bytes.addAndGet(chunk.length) == expected) {
                all.countDown();
            }
        }

        @Override
        public void down(String reason, long retryMillis) {}
    }
}
