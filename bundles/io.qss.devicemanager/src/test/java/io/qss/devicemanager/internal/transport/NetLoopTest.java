// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The loop's read pacing over a real socket: a device writing a byte every 2 ms is read in a few calls per read
 * interval, not one call per byte, and nothing is lost.
 */
class NetLoopTest {

    private static final int WRITES = 200;
    private static final long WRITE_GAP_MILLIS = 2;

    @Test
    void givenReadInterval100Ms_whenDeviceWritesEvery2Ms_thenFewReadsCarryEveryByte() throws Exception {
        Reads reads = stream(100);

        assertEquals(WRITES, reads.bytes.get());
        long seconds = reads.elapsedMillis / 1000 + 1;
        assertTrue(
                reads.calls.get() <= 10 * seconds + 2,
                "reads " + reads.calls.get() + " in " + reads.elapsedMillis + " ms, at most one round per 100 ms");
    }

    @Test
    void givenNoReadInterval_whenDeviceWritesEvery2Ms_thenBytesAreReadAsTheyArrive() throws Exception {
        Reads reads = stream(0);

        assertEquals(WRITES, reads.bytes.get());
        assertTrue(reads.calls.get() > 30, "reads " + reads.calls.get() + ": expected about one per write");
    }

    private record Reads(AtomicInteger calls, AtomicInteger bytes, long elapsedMillis) {}

    private static Reads stream(long readIntervalMillis) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger bytes = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                NetLoop loop = new NetLoop("test-io", readIntervalMillis)) {
            TcpLink link = new TcpLink(
                    loop,
                    "127.0.0.1",
                    server.getLocalPort(),
                    new LinkListener() {
                        @Override
                        public void up() {}

                        @Override
                        public void received(byte[] chunk) {
                            calls.incrementAndGet();
                            if (bytes.addAndGet(chunk.length) == WRITES) {
                                all.countDown();
                            }
                        }

                        @Override
                        public void down(String reason, long retryMillis) {}
                    },
                    new Backoff(100, 100, () -> 0.5),
                    Runnable::run,
                    2000);
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
                assertTrue(all.await(10, TimeUnit.SECONDS), "all bytes read, got " + bytes.get());
            }
            link.close();
            return new Reads(calls, bytes, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }
}
