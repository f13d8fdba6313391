// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.tools.send.UpmuSender;
import io.qss.dat.tools.send.UpmuSenderOptions;
import io.qss.dat.tools.send.UpmuSenders;
import io.qss.receiver.SenderStats;
import io.qss.receiver.SpooledFile;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiverProtocolTest {

    private static final long SECONDS = 1_000_000_000L;

    @TempDir
    Path dir;

    private final List<SpooledFile> notified = new CopyOnWriteArrayList<>();
    private final AtomicReference<Double> used = new AtomicReference<>(10.0);
    private final AtomicReference<Set<String>> registered = new AtomicReference<>();
    private SenderCounters counters;
    private ReceiverPressure pressure;
    private ReceiverServer server;

    @BeforeEach
    void start() throws Exception {
        start(new ConnectionLimits(8, 8, SECONDS * 5, SECONDS * 5, 1024, SECONDS * 5), Long.MAX_VALUE);
    }

    private void start(ConnectionLimits limits, long unknownMaxBytes) throws Exception {
        if (server != null) {
            server.close();
        }
        // Every reading of this clock is a full check interval later, so each message probes the volume again.
        AtomicLong clock = new AtomicLong();
        DiskGuard guard = new DiskGuard(used::get, 98, () -> clock.addAndGet(DiskGuard.CHECK_MILLIS));
        SpoolImpl spool = new SpoolImpl(dir.resolve("raw"), guard::isAccepting);
        spool.addListener(notified::add);
        counters = new SenderCounters(100);
        pressure = new ReceiverPressure(System::nanoTime, SECONDS * 60);
        UnknownSenderBudget budget =
                new UnknownSenderBudget(registered::get, spool::deviceDirectory, unknownMaxBytes, 1000);
        server = new ReceiverServer(
                "127.0.0.1", 0, new MessageHandler(spool, counters, budget, pressure), limits, pressure);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static byte[] message(long sendId, String path, String serial, byte[] data) {
        return message(sendId, path.getBytes(StandardCharsets.UTF_8), serial, data);
    }

    static byte[] message(long sendId, byte[] p, String serial, byte[] data) {
        byte[] s = serial.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(16 + pad(p.length) + pad(s.length) + data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) sendId).putInt(p.length).putInt(s.length).putInt(data.length);
        b.put(p)
                .position(16 + pad(p.length))
                .put(s)
                .position(16 + pad(p.length) + pad(s.length))
                .put(data);
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
            assertArrayEquals(
                    new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, reply(s.getInputStream()));
        }

        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve("raw/P30010/2026/a.dat")));
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(dir.resolve("raw/P30010/b.dat")));
        assertEquals(2, notified.size());
        assertEquals(2, counters.all().get(0).files());
    }

    @Test
    void givenUnsafePaths_whenSent_thenNackAndConnectionKept() throws Exception {
        try (Socket s = connect()) {
            for (String bad : List.of(
                    "../x.dat",
                    "/root/../../etc/x.dat",
                    "a\\b.dat",
                    "a\u0000b.dat",
                    ".hidden",
                    "/root/.sync/x.dat",
                    "/",
                    "")) {
                s.getOutputStream().write(message(5, bad, "P1", new byte[] {1}));
                assertArrayEquals(new byte[4], reply(s.getInputStream()), bad);
            }
            s.getOutputStream().write(message(6, "ok.dat", "P1", new byte[] {1}));
            assertArrayEquals(new byte[] {6, 0, 0, 0}, reply(s.getInputStream()));
        }
        assertFalse(Files.exists(dir.resolve("raw/x.dat")));
        assertFalse(Files.exists(dir.resolve("raw/etc")));
        assertEquals(List.of("ok.dat"), notified.stream().map(SpooledFile::path).toList());
        assertEquals(8, counters.all().get(0).rejected());
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
            List<Future<Boolean>> results = new ArrayList<>();
            for (int d = 0; d < 6; d++) {
                String serial = "P350000" + d;
                results.add(pool.submit(() -> {
                    try (UpmuSender sender =
                            UpmuSenders.sender(UpmuSenderOptions.of("127.0.0.1", server.port(), serial))) {
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

    @Test
    void givenDeviceAbsolutePath_whenSent_thenAckedAndSpooledBelowDeviceWithItsNameKept() throws Exception {
        String path = "/root/upmu_data/2016/09/19/14/P3001035_2016-09-19T14:00:00.dat";
        try (Socket s = connect()) {
            s.getOutputStream().write(message(1, path, "P3001035", new byte[] {1, 2}));
            assertArrayEquals(new byte[] {1, 0, 0, 0}, reply(s.getInputStream()));
        }

        Path file = dir.resolve("raw/P3001035/root/upmu_data/2016/09/19/14/P3001035_2016-09-19T14:00:00.dat");
        assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(file));
        assertEquals(path, notified.get(0).devicePath());
        assertEquals(path.substring(1), notified.get(0).path());
        assertEquals(path, counters.all().get(0).lastPath());
    }

    @Test
    void givenAbsolutePathOf512BytesWithOverlongUnicodeName_whenSent_thenAckedAndNameKept() throws Exception {
        String dirs = "/root/upmu_data/2016/09/19/14/";
        String stem = "P3001035_Größe_数据_";
        String name = stem + "x".repeat(512 - dirs.length() - utf8(stem) - utf8(".dat")) + ".dat";
        String path = dirs + name;
        assertEquals(512, utf8(path));
        byte[] data = new byte[70_000];
        new Random(1).nextBytes(data);
        try (Socket s = connect()) {
            s.getOutputStream().write(message(9, path, "P3001035", data));
            assertArrayEquals(new byte[] {9, 0, 0, 0}, reply(s.getInputStream()));
            // The same device path again lands on the same spool file.
            s.getOutputStream().write(message(10, path, "P3001035", data));
            assertArrayEquals(new byte[] {10, 0, 0, 0}, reply(s.getInputStream()));
        }

        SpooledFile f = notified.get(0);
        assertEquals(path, f.devicePath());
        assertEquals(f.file(), notified.get(1).file());
        assertTrue(f.path().startsWith("root/upmu_data/2016/09/19/14/P3001035_Größe_数据_x"), f.path());
        assertTrue(f.path().endsWith(".dat"), f.path());
        assertArrayEquals(data, Files.readAllBytes(f.file()));
        assertEquals(path, new SpoolImpl(dir.resolve("raw"), () -> true).devicePath("P3001035", f.path()));
    }

    @Test
    void givenPathThatIsNotUtf8_whenSent_thenRefusedWithTheBytesShownAndConnectionKept() throws Exception {
        byte[] latin1 = "/root/upmu_data/Gr\u00f6\u00dfe.dat".getBytes(StandardCharsets.ISO_8859_1);
        try (Socket s = connect()) {
            s.getOutputStream().write(message(3, latin1, "P1", new byte[] {1}));
            assertArrayEquals(new byte[4], reply(s.getInputStream()));
            s.getOutputStream().write(message(4, "ok.dat", "P1", new byte[] {1}));
            assertArrayEquals(new byte[] {4, 0, 0, 0}, reply(s.getInputStream()));
        }
        assertTrue(notified.size() == 1 && notified.get(0).path().equals("ok.dat"));
        assertEquals(1, counters.all().get(0).rejected());
    }

    @Test
    void givenHeaderThatStalls_whenHeaderDeadlinePasses_thenConnectionClosed() throws Exception {
        start(new ConnectionLimits(8, 8, SECONDS * 60, SECONDS, 1024, SECONDS * 60), Long.MAX_VALUE);
        try (Socket s = connect()) {
            byte[] m = message(1, "a.dat", "P1", new byte[10]);
            s.getOutputStream().write(m, 0, 18);
            long started = System.nanoTime();
            assertEquals(-1, s.getInputStream().read());
            assertTrue(System.nanoTime() - started < SECONDS * 4);
        }
    }

    @Test
    void givenBodyThatStalls_whenSlowerThanMinimumRate_thenClosedAndNothingLeft() throws Exception {
        start(new ConnectionLimits(8, 8, SECONDS * 60, SECONDS * 60, 1024, SECONDS), Long.MAX_VALUE);
        try (Socket s = connect()) {
            byte[] m = message(1, "a.dat", "P1", new byte[100_000]);
            s.getOutputStream().write(m, 0, 50_000);
            long started = System.nanoTime();
            assertEquals(-1, s.getInputStream().read());
            assertTrue(System.nanoTime() - started < SECONDS * 5);
        }
        awaitNoPartFiles();
        assertFalse(Files.exists(dir.resolve("raw/P1/a.dat")));
    }

    @Test
    void givenConnectionTableFullOfStalledClients_whenDeviceConnects_thenStalestEvictedAndFileAcked() throws Exception {
        start(new ConnectionLimits(8, 100, SECONDS * 60, SECONDS * 60, 1024, SECONDS * 60), Long.MAX_VALUE);
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Socket s = connect();
                s.getOutputStream().write(message(1, "a.dat", "PX", new byte[10]), 0, 18);
                stalled.add(s);
            }
            awaitOpen(8);
            try (Socket device = connect()) {
                device.getOutputStream().write(message(7, "/root/d.dat", "P1", new byte[] {1}));
                assertArrayEquals(new byte[] {7, 0, 0, 0}, reply(device.getInputStream()));
            }
            assertEquals(1, closedCount(stalled), "one stalled client evicted");
            assertTrue(pressure.recentReason().contains("connection table full"), pressure.recentReason());
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void givenDeviceThatDelivered_whenTableFills_thenUnprovenConnectionsGoFirst() throws Exception {
        start(new ConnectionLimits(3, 8, SECONDS * 60, SECONDS * 60, 1024, SECONDS * 60), Long.MAX_VALUE);
        try (Socket device = connect();
                Socket a = connect();
                Socket b = connect()) {
            device.getOutputStream().write(message(1, "/root/d1.dat", "P1", new byte[] {1}));
            assertArrayEquals(new byte[] {1, 0, 0, 0}, reply(device.getInputStream()));
            awaitOpen(3);
            Thread.sleep(20);
            // The device is now the stalest (idle since its file), but it proved itself: a and b go before it.
            try (Socket c = connect();
                    Socket d = connect()) {
                awaitOpen(3);
                device.getOutputStream().write(message(2, "/root/d2.dat", "P1", new byte[] {2}));
                assertArrayEquals(new byte[] {2, 0, 0, 0}, reply(device.getInputStream()));
                assertEquals(-1, a.getInputStream().read());
                assertEquals(-1, b.getInputStream().read());
            }
        }
    }

    @Test
    void givenTooManyConnectionsFromOneAddress_whenAnotherConnects_thenThatAddressesStalestEvicted() throws Exception {
        start(new ConnectionLimits(100, 2, SECONDS * 60, SECONDS * 60, 1024, SECONDS * 60), Long.MAX_VALUE);
        try (Socket first = connect();
                Socket second = connect()) {
            awaitOpen(2);
            try (Socket third = connect()) {
                assertEquals(-1, first.getInputStream().read());
                third.getOutputStream().write(message(5, "x.dat", "P1", new byte[] {1}));
                assertArrayEquals(new byte[] {5, 0, 0, 0}, reply(third.getInputStream()));
            }
        }
        assertTrue(pressure.recentReason().contains("one address"), pressure.recentReason());
    }

    @Test
    void givenUnknownSerialBeyondBudget_whenSent_thenRefusedWhileRegisteredSerialsAreStored() throws Exception {
        registered.set(Set.of("P1"));
        start(new ConnectionLimits(8, 8, SECONDS * 60, SECONDS * 60, 1024, SECONDS * 60), 1000);
        try (Socket s = connect()) {
            s.getOutputStream().write(message(1, "/root/a.dat", "PX", new byte[600]));
            assertArrayEquals(new byte[] {1, 0, 0, 0}, reply(s.getInputStream()));
            s.getOutputStream().write(message(2, "/root/b.dat", "PY", new byte[600]));
            assertArrayEquals(new byte[4], reply(s.getInputStream()));
            s.getOutputStream().write(message(3, "/root/c.dat", "P1", new byte[600]));
            assertArrayEquals(new byte[] {3, 0, 0, 0}, reply(s.getInputStream()));
        }
        assertFalse(Files.exists(dir.resolve("raw/PY")));
        assertEquals(1, pressure.refusals());
        SenderStats py = counters.all().stream()
                .filter(x -> x.serial().equals("PY"))
                .findFirst()
                .orElseThrow();
        assertTrue(py.lastError().startsWith("spool budget of unregistered serials used up"), py.lastError());
    }

    private static int closedCount(List<Socket> sockets) throws Exception {
        int closed = 0;
        for (Socket s : sockets) {
            s.setSoTimeout(200);
            try {
                closed += s.getInputStream().read() == -1 ? 1 : 0;
            } catch (SocketTimeoutException e) {
                // Still open.
            }
        }
        return closed;
    }

    private void awaitOpen(int n) throws InterruptedException {
        for (int i = 0; i < 200 && server.openConnections() != n; i++) {
            Thread.sleep(10);
        }
        assertEquals(n, server.openConnections());
    }

    private void awaitNoPartFiles() throws Exception {
        for (int i = 0; i < 200; i++) {
            try (Stream<Path> parts = Files.list(dir.resolve("raw/.incoming"))) {
                if (parts.findAny().isEmpty()) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("temporary files left in raw/.incoming");
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
