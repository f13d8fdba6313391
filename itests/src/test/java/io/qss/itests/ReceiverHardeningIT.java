// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.tools.send.UpmuSender;
import io.qss.dat.tools.send.UpmuSenderOptions;
import io.qss.dat.tools.send.UpmuSenders;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver in the running distribution against a real device's paths and a flood of broken and hostile clients
 * ({@link ReceiverFlood}): while hundreds of stalled connections (more than the connection table holds) and a few
 * maximum-size bodies that stall short are held, a device sending with its full 512-byte path is acknowledged within
 * 5 s, health says DEGRADED with the reason, the server's heap stays small, and the file's points come back exactly.
 * The flood's size comes from {@code -Dflood.stalled} (300), {@code -Dflood.big} (4), {@code -Dflood.maxConnections}
 * (250): {@code -Dflood.stalled=2100 -Dflood.big=60 -Dflood.maxConnections=2000} is the full measurement.
 */
class ReceiverHardeningIT {

    private static final long START = 1_790_000_040L;
    private static final IngestIT.Device DEVICE = new IngestIT.Device("P3001035", "field1", false);
    private static final long ACK_BOUND_MILLIS = 5000;
    private static final long HEAP_BOUND_BYTES = 1L << 30;
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    @TempDir
    Path dir;

    @Test
    void givenFloodOfStalledClients_whenDeviceSendsWithFull512BytePath_thenAckedFastAndPointsComeBackExactly()
            throws Exception {
        int stalled = Integer.getInteger("flood.stalled", 300);
        int big = Integer.getInteger("flood.big", 4);
        try (Distribution qss = Distribution.unpack(dir)) {
            qss.appendConfig(
                    "etc/io.qss.receiver.cfg",
                    "maxConnections = " + Integer.getInteger("flood.maxConnections", 250) + "\n");
            qss.start();
            qss.consoleOk("upmu:add 10.0.0.5 " + DEVICE.serial() + " " + DEVICE.alias() + "; upmu:save");
            byte[] data =
                    SyntheticDats.generator(SyntheticDatOptions.of(35, false)).generateFile(START, 60);
            String path = devicePath512();

            long[] heap = new long[2];
            try (ReceiverFlood flood = ReceiverFlood.start(
                    new InetSocketAddress("127.0.0.1", qss.receiverPort), stalled, 200, big, 1024)) {
                flood.awaitBigStalled(big, 180_000);
                Thread.sleep(2000);
                int bigStalled = flood.bigStalled();
                heap[0] = heapUsed(qss);
                long started = System.nanoTime();
                send(qss, path, data);
                long millis = (System.nanoTime() - started) / 1_000_000;
                heap[1] = heapUsed(qss);
                String health = qss.get("/health");
                System.out.printf(
                        "flood: stalled=%d big=%d bigStalledAtSend=%d reconnects=%d ack=%d ms " + "heapUsed=%d/%d MB%n",
                        stalled, big, bigStalled, flood.reconnects(), millis, heap[0] >> 20, heap[1] >> 20);
                assertTrue(millis < ACK_BOUND_MILLIS, "acknowledged after " + millis + " ms");
                assertTrue(health.contains("DEGRADED") && health.contains("connection table full"), health);
            }
            assertTrue(Math.max(heap[0], heap[1]) < HEAP_BOUND_BYTES, "heap used " + heap[0] + ", " + heap[1]);

            IngestIT.await(() -> IngestIT.isSynced(IngestIT.list(qss), DEVICE, 1), "the file synced", qss);
            IngestIT.assertValues(qss, DEVICE, List.of(data));
            assertSpooledBelowDeviceWithNameKept(qss, path);

            assertFalse(sendOnce(qss, "/root/upmu_data/../../etc/cron.d/x.dat", data), "a '..' path is refused");
            String lastReceived = qss.consoleOk("upmu:lastreceived");
            assertTrue(lastReceived.contains("'..' segment"), lastReceived);
            assertTrue(lastReceived.contains("/root/upmu_data/../../etc/cron.d/x.dat"), lastReceived);
        }
    }

    /** A device path of exactly 512 bytes, as the device sends it: absolute, its file name far over 255 bytes. */
    private static String devicePath512() {
        String dirs = "/root/upmu_data/2029/09/19/14/";
        String stem = DEVICE.serial() + "_2029-09-19T14:00:00_Größe_";
        int fill = 512 - (dirs + stem + ".dat").getBytes(StandardCharsets.UTF_8).length;
        String path = dirs + stem + "x".repeat(fill) + ".dat";
        assertTrue(path.getBytes(StandardCharsets.UTF_8).length == 512);
        return path;
    }

    private static void send(Distribution qss, String path, byte[] data) throws Exception {
        assertTrue(sendOnce(qss, path, data), "not acknowledged: " + path);
    }

    private static boolean sendOnce(Distribution qss, String path, byte[] data) throws Exception {
        try (UpmuSender sender =
                UpmuSenders.sender(UpmuSenderOptions.of("127.0.0.1", qss.receiverPort, DEVICE.serial()))) {
            return sender.sendOnce(path, data);
        }
    }

    /** The file sits below the device's folder without the leading '/', its over-long name kept beside it. */
    private static void assertSpooledBelowDeviceWithNameKept(Distribution qss, String path) throws IOException {
        Path folder = qss.data.resolve("raw/" + DEVICE.serial() + "/root/upmu_data/2029/09/19/14");
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> all = files.toList();
            assertTrue(
                    all.stream()
                            .anyMatch(p -> p.getFileName().toString().endsWith(".dat")
                                    && !p.getFileName().toString().startsWith(".")),
                    all.toString());
            assertTrue(
                    all.stream().anyMatch(p -> p.getFileName().toString().startsWith(".") && readsAs(p, path)),
                    "the device's name is kept beside the file: " + all);
        }
    }

    private static boolean readsAs(Path p, String text) {
        try {
            return Files.readString(p).equals(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** Heap in use in the server JVM, from {@code jcmd GC.heap_info}. */
    private static long heapUsed(Distribution qss) throws Exception {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        String.valueOf(qss.pid()),
                        "GC.heap_info")
                .redirectErrorStream(true)
                .start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        Matcher m = HEAP_USED.matcher(out);
        if (!m.find()) {
            throw new AssertionError("no heap figure from jcmd: " + out);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }
}
