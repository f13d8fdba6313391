// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.DatCodecs;
import io.qss.dat.DatColumns;
import io.qss.dat.DatStream;
import io.qss.dat.tools.send.UpmuSender;
import io.qss.dat.tools.send.UpmuSenderOptions;
import io.qss.dat.tools.send.UpmuSenders;
import io.qss.dat.tools.sim.SyntheticDat;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uPMU ingest path end to end in the running distribution: devices registered with {@code upmu:} commands,
 * files sent over TCP by the simulator, read back point for point with {@code upmu:values}; an unknown serial is
 * spooled but not ingested; a corrupt file is reported and the others go on; {@code kill -9} during a send loses no
 * acknowledged file and duplicates no point.
 */
class IngestIT {

    private static final long START = 1_790_000_040L;
    private static final int FILES = 3;

    @TempDir
    Path dir;

    record Device(String serial, String alias, boolean isExtended) {}

    private static final List<Device> DEVICES = List.of(
            new Device("P3500000", "base0", false),
            new Device("P3500001", "ext1", true),
            new Device("P3500002", "base2", false));

    @Test
    void givenThreeDevices_whenFilesSent_thenStoredPointForPointAndFailuresReportedAndKillLosesNothing()
            throws Exception {
        try (Distribution qss = Distribution.unpack(dir)) {
            qss.start();
            qss.consoleOk("upmu:add 10.0.0.1 P3500000 base0; upmu:add 10.0.0.2 P3500001 ext1 true;"
                    + " upmu:add 10.0.0.3 P3500002 base2; upmu:save");

            List<byte[]> sent = sendAll(qss);
            send(qss, "P3500002", "2029/01/01/00/P3500002_corrupt.dat", new byte[7000]);
            send(
                    qss,
                    "P9999999",
                    "unknown.dat",
                    SyntheticDats.generator(SyntheticDatOptions.of(9, false)).generateFile(START, 2));

            await(
                    () -> list(qss).contains("failed: base2 2029/01/01/00/P3500002_corrupt.dat: no valid record")
                            && syncedAll(list(qss), FILES),
                    "every file synced, the corrupt one failed",
                    qss);
            String list = list(qss);
            assertTrue(list.contains("unknown sender: P9999999 (1 files"), list);
            assertTrue(Files.exists(qss.data.resolve("raw/P9999999/unknown.dat")));
            for (int d = 0; d < DEVICES.size(); d++) {
                assertValues(qss, DEVICES.get(d), sent.subList(d * FILES, d * FILES + FILES));
            }

            killDuringSend(qss);
        }
    }

    private List<byte[]> sendAll(Distribution qss) throws Exception {
        List<byte[]> sent = new ArrayList<>();
        for (Device d : DEVICES) {
            SyntheticDat sim =
                    SyntheticDats.generator(SyntheticDatOptions.of(d.serial().hashCode(), d.isExtended()));
            for (int f = 0; f < FILES; f++) {
                byte[] data = sim.generateFile(START + 60L * f, 60);
                send(qss, d.serial(), SyntheticDat.relativePath(d.serial(), START + 60L * f), data);
                sent.add(data);
            }
        }
        return sent;
    }

    private static void send(Distribution qss, String serial, String path, byte[] data) throws Exception {
        try (UpmuSender sender = UpmuSenders.sender(UpmuSenderOptions.of("127.0.0.1", qss.receiverPort, serial))) {
            assertTrue(sender.sendOnce(path, data), "not acknowledged: " + path);
        }
    }

    /**
     * Every stream of the device, read back through the console, equals what the files encode: the raw points of
     * L1MAG in the first file line by line, every stream over all files by count and SHA-256 of times and values.
     */
    static void assertValues(Distribution qss, Device d, List<byte[]> files) throws Exception {
        List<DatColumns> decoded = new ArrayList<>();
        for (byte[] f : files) {
            decoded.add(DatCodecs.decoder().decodeColumns(f, "sent"));
        }
        DatColumns first = decoded.get(0);
        // Large console output can be cut short by the SSH exec channel, so the points go through a file.
        Path points = qss.home.resolve(d.alias() + "-L1MAG.txt");
        qss.consoleOk("upmu:values --out " + points + " " + d.alias() + " L1MAG " + first.times()[0] + " "
                + (first.times()[first.size() - 1] + 1));
        List<String> lines = Files.readAllLines(points);
        assertEquals(first.size(), lines.size(), d.alias() + " L1MAG lines");
        for (int k = 0; k < first.size(); k++) {
            String[] f = lines.get(k).trim().split(" ");
            assertEquals(first.times()[k], Long.parseLong(f[0]));
            assertEquals(first.values(DatStream.L1MAG)[k], Double.parseDouble(f[1]), 0.0);
        }
        long start = first.times()[0];
        DatColumns last = decoded.get(decoded.size() - 1);
        long end = last.times()[last.size() - 1] + 1;
        for (DatStream s : DatStream.streams(d.isExtended())) {
            String expected = expectedDigest(decoded, s);
            String got =
                    qss.consoleOk("upmu:values --digest " + d.alias() + " " + s.streamName() + " " + start + " " + end);
            assertTrue(
                    got.contains(expected),
                    d.alias() + " " + s.streamName() + ": expected " + expected + ", got " + got);
        }
    }

    /** What {@code upmu:values --digest} prints for stream {@code s} of these files: count and SHA-256 of the points. */
    static String expectedDigest(List<DatColumns> files, DatStream s) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer point = ByteBuffer.allocate(16);
        long n = 0;
        for (DatColumns c : files) {
            for (int i = 0; i < c.size(); i++) {
                sha.update(point.clear()
                        .putLong(c.times()[i])
                        .putLong(Double.doubleToLongBits(c.values(s)[i]))
                        .array());
            }
            n += c.size();
        }
        return "points=" + n + " sha256=" + HexFormat.of().formatHex(sha.digest());
    }

    /** kill -9 while ext1 sends: every acknowledged file is spooled and ingested after restart, no point twice. */
    private void killDuringSend(Distribution qss) throws Exception {
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicInteger count = new AtomicInteger();
        Thread sender = new Thread(() -> {
            SyntheticDat sim = SyntheticDats.generator(SyntheticDatOptions.of(77, true));
            try (UpmuSender s = UpmuSenders.sender(UpmuSenderOptions.of("127.0.0.1", qss.receiverPort, "P3500001"))) {
                for (int f = 0; f < 200; f++) {
                    long t = START + 3600 + 60L * f;
                    String path = SyntheticDat.relativePath("P3500001", t);
                    if (s.sendOnce(path, sim.generateFile(t, 60))) {
                        acked.add(path);
                        count.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                // The server was killed: the connection fails, as it would for a device.
            }
        });
        sender.start();
        await(() -> count.get() >= 10, "10 files acknowledged before the kill", qss);
        qss.kill();
        sender.join(30_000);
        Path spool = qss.data.resolve("raw/P3500001");
        for (String path : acked) {
            assertTrue(Files.exists(spool.resolve(path)), "acknowledged file missing from spool: " + path);
        }

        qss.start();
        long spooled;
        try (Stream<Path> files = Files.walk(spool)) {
            spooled = files.filter(Files::isRegularFile).count();
        }
        assertTrue(spooled >= FILES + acked.size());
        await(
                () -> isSynced(list(qss), DEVICES.get(1), spooled),
                "all spooled files of ext1 synced after restart" + " [spooled=" + spooled + "]",
                qss);
        String streams = qss.consoleOk("upmu:streams -c ext1");
        for (String line : Distribution.lines(streams)) {
            if (line.startsWith("/upmu/ext1/")) {
                String[] f = line.trim().split("\\s+");
                assertEquals(spooled * 60 * 120, Long.parseLong(f[f.length - 1]), line);
            }
        }
        assertTrue(Files.list(qss.data.resolve("raw/.incoming")).findAny().isEmpty(), "partial files left");
    }

    private static boolean syncedAll(String list, int files) {
        return DEVICES.stream().allMatch(d -> isSynced(list, d, files));
    }

    /** The device's upmu:list row says generation 1, nothing pending, {@code files} synced. */
    static boolean isSynced(String list, Device d, long files) {
        return list.matches("(?sm).*^" + d.alias() + " +\\S+ +" + d.serial() + " +"
                + (d.isExtended() ? "extended" : "base") + " +1 +0 +" + files + " .*");
    }

    /** upmu:list output, or the failure as text (for polling and error messages). */
    static String list(Distribution qss) {
        try {
            return qss.consoleOk("upmu:list");
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Polls {@code condition} for up to 90 s; the failure names {@code what} and shows upmu:list. */
    static void await(BooleanSupplier condition, String what, Distribution qss) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what + "\n" + list(qss));
            }
            Thread.sleep(250);
        }
    }
}
