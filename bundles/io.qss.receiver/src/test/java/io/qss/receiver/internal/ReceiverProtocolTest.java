// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.transfer.UpmuSender;
import io.qss.dat.transfer.UpmuSenderOptions;
import io.qss.receiver.SpooledFile;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiverProtocolTest {

    @TempDir
    Path dir;

    private final List<SpooledFile> notified = new CopyOnWriteArrayList<>();
    private final AtomicReference<Double> used = new AtomicReference<>(10.0);
    private SenderCounters counters;
    private ReceiverServer server;

    @BeforeEach
    void start() throws Exception {
        // Every reading of this clock is a full check interval later, so each message probes the volume again.
        AtomicLong clock = new AtomicLong();
        DiskGuard guard = new DiskGuard(used::get, 98, () -> clock.addAndGet(DiskGuard.CHECK_MILLIS));
        SpoolImpl spool = new SpoolImpl(dir.resolve("raw"), guard::isAccepting);
        spool.addListener(notified::add);
        counters = new SenderCounters();
        server = new ReceiverServer("127.0.0.1", 0, new MessageHandler(spool, counters), 5000, 8);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static byte[] message(long sendId, String path, String serial, byte[] data) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        byte[] s = serial.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(16 + pad(p.length) + pad(s.length) + data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) sendId).putInt(p.length).putInt(s.length).putInt(data.length);
        b.put(p).position(16 + pad(p.length)).put(s).position(16 + pad(p.length) + pad(s.length)).put(data);
        return b.array();
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    private static byte[] reply(InputStream in) throws Exception {
        byte[] r = new byte[4];
        new DataInputStream(in).readFully(r);
        return r;
    }

    private Socket connect() throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(5000);
        return s;
    }

    @Test
    void givenMessagesWithOddLengths_whenSent_thenEachAckEchoesSendIdAndFileIsByteIdentical() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(message(0x01020304L, "2026/a.dat", "P30010", new byte[] {1, 2, 3}));
            assertArrayEquals(new byte[] {4, 3, 2, 1}, reply(s.getInputStream()));
            out.write(message(0xFFFFFFFEL, "b.dat", "P30010", new byte[] {9}));
            assertArrayEquals(new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
                    reply(s.getInputStream()));
        }

        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve("raw/P30010/2026/a.dat")));
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(dir.resolve("raw/P30010/b.dat")));
        assertEquals(2, notified.size());
        assertEquals(2, counters.all().get(0).files());
    }

    @Test
    void givenUnsafePaths_whenSent_thenNackAndConnectionKept() throws Exception {
        try (Socket s = connect()) {
            for (String bad : List.of("../x.dat", "/etc/x.dat", "a//b.dat", "a/./b.dat", ".hidden")) {
                s.getOutputStream().write(message(5, bad, "P1", new byte[] {1}));
                assertArrayEquals(new byte[4], reply(s.getInputStream()), bad);
            }
            s.getOutputStream().write(message(6, "ok.dat", "P1", new byte[] {1}));
            assertArrayEquals(new byte[] {6, 0, 0, 0}, reply(s.getInputStream()));
        }
        assertFalse(Files.exists(dir.resolve("raw/x.dat")));
        assertTrue(counters.all().get(0).lastError().contains("rejected"));
    }

    @Test
    void givenHeaderBeyondLimits_whenSent_thenConnectionDroppedWithoutReply() throws Exception {
        for (int[] lengths : new int[][] {{513, 4, 0}, {4, 33, 0}, {4, 4, 75_744_001}}) {
            try (Socket s = connect()) {
                ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(1).putInt(lengths[0]).putInt(lengths[1]).putInt(lengths[2]);
                s.getOutputStream().write(b.array());
                assertEquals(-1, s.getInputStream().read());
            }
        }
        assertTrue(notified.isEmpty());
    }

    @Test
    void givenLimitsExactly_whenSent_thenAccepted() throws Exception {
        String path = ("d".repeat(100) + "/").repeat(5) + "abc.dat";
        assertEquals(512, path.length());
        try (Socket s = connect()) {
            s.getOutputStream().write(message(7, path, "S".repeat(32), new byte[] {1}));
            assertArrayEquals(new byte[] {7, 0, 0, 0}, reply(s.getInputStream()));
        }
    }

    @Test
    void givenFullDisk_whenSent_thenNackUntilSpaceIsFreed() throws Exception {
        used.set(99.0);
        try (Socket s = connect()) {
            s.getOutputStream().write(message(3, "a.dat", "P1", new byte[] {1}));
            assertArrayEquals(new byte[4], reply(s.getInputStream()));
            used.set(50.0);
            s.getOutputStream().write(message(4, "a.dat", "P1", new byte[] {1}));
            assertArrayEquals(new byte[] {4, 0, 0, 0}, reply(s.getInputStream()));
        }
    }

    @Test
    void givenManyDevicesAtOnce_whenSendingWithUpmuSender_thenAllAcknowledged() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int d = 0; d < 6; d++) {
                String serial = "P350000" + d;
                results.add(pool.submit(() -> {
                    try (UpmuSender sender = UpmuSender.create(UpmuSenderOptions.of("127.0.0.1", server.port(),
                            serial))) {
                        boolean isAll = true;
                        for (int f = 0; f < 20; f++) {
                            isAll &= sender.sendOnce("f" + f + ".dat", new byte[1000 + f]);
                        }
                        return isAll;
                    }
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(120, notified.size());
        assertEquals(1019, Files.size(dir.resolve("raw/P3500005/f19.dat")));
    }

    @Test
    void givenConnectionCutInsideMessage_whenClosed_thenNothingStored() throws Exception {
        try (Socket s = connect()) {
            byte[] m = message(1, "a.dat", "P1", new byte[1000]);
            ByteArrayOutputStream part = new ByteArrayOutputStream();
            part.write(m, 0, 500);
            s.getOutputStream().write(part.toByteArray());
        }
        assertFalse(Files.exists(dir.resolve("raw/P1/a.dat")));
    }
}
