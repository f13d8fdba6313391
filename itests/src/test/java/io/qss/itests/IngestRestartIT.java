// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.tools.send.UpmuSender;
import io.qss.dat.tools.send.UpmuSenderOptions;
import io.qss.dat.tools.send.UpmuSenders;
import io.qss.dat.tools.sim.SyntheticDat;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest path across a clean stop in the middle of a send (nothing acknowledged lost, nothing duplicated), and
 * the disk guard tripping and recovering in the running distribution (the full volume is simulated by lowering the
 * guard's threshold below the volume's real use, then raising it again).
 */
class IngestRestartIT {

    private static final String SERIAL = "P3500001";
    private static final long START = 1_790_100_000L;
    private static final String NO_NEW_DATA = "No longer accepting new data";

    @TempDir
    Path dir;

    @Test
    void givenSendInProgress_whenStoppedAndRestarted_thenNothingLostNorDuplicated_andDiskGuardTripsAndRecovers()
            throws Exception {
        try (Distribution qss = Distribution.unpack(dir)) {
            qss.start();
            qss.consoleOk("upmu:add 10.0.0.2 " + SERIAL + " ext1 true; upmu:save");

            Set<String> acked = ConcurrentHashMap.newKeySet();
            Thread device = new Thread(() -> sendUntilRefused(qss, acked, 0, 200));
            device.start();
            await(() -> acked.size() >= 5, "5 files acknowledged before the stop");
            qss.stop();
            device.join(60_000);

            Path spool = qss.data.resolve("raw/" + SERIAL);
            acked.forEach(path -> assertTrue(Files.exists(spool.resolve(path)), "acknowledged file lost: " + path));
            qss.start();
            long spooled = countFiles(spool);
            await(
                    () -> pointsPerStream(qss) == spooled * 60 * 120,
                    "every spooled file ingested once [spooled=" + spooled + "]");

            qss.appendConfig("etc/io.qss.receiver.cfg", "diskGuardPercent = 0.1\n");
            await(() -> String.valueOf(qss.get("/health")).contains(NO_NEW_DATA), "the disk guard trips");
            assertFalse(sendOne(qss, 500), "a file was accepted with the data volume 'full'");
            qss.removeFromConfig("etc/io.qss.receiver.cfg", "diskGuardPercent = 0.1");
            await(() -> !String.valueOf(qss.get("/health")).contains(NO_NEW_DATA), "the disk guard recovers");
            await(() -> sendOne(qss, 501), "a file is accepted again once space is free");
            assertEquals("OK", qss.status());
            qss.stop();
        }
    }

    private static void sendUntilRefused(Distribution qss, Set<String> acked, int first, int files) {
        SyntheticDat sim = SyntheticDats.generator(SyntheticDatOptions.of(77, true));
        try (UpmuSender sender = UpmuSenders.sender(UpmuSenderOptions.of("127.0.0.1", qss.receiverPort, SERIAL))) {
            for (int f = first; f < first + files; f++) {
                long t = START + 60L * f;
                String path = SyntheticDat.relativePath(SERIAL, t);
                if (sender.sendOnce(path, sim.generateFile(t, 60))) {
                    acked.add(path);
                }
            }
        } catch (Exception e) {
            // The server stopped: the connection fails, as it would for a device, which keeps its file.
        }
    }

    private static boolean sendOne(Distribution qss, int index) {
        long t = START + 60L * index;
        try (UpmuSender sender = UpmuSenders.sender(UpmuSenderOptions.of("127.0.0.1", qss.receiverPort, SERIAL))) {
            return sender.sendOnce(
                    SyntheticDat.relativePath(SERIAL, t),
                    SyntheticDats.generator(SyntheticDatOptions.of(index, true)).generateFile(t, 60));
        } catch (Exception e) {
            return false;
        }
    }

    /** Points in /upmu/ext1/L1MAG, from {@code upmu:streams -c ext1}; -1 when unreadable. */
    private static long pointsPerStream(Distribution qss) {
        try {
            for (String line : Distribution.lines(qss.consoleOk("upmu:streams -c ext1"))) {
                if (line.startsWith("/upmu/ext1/L1MAG")) {
                    String[] fields = line.trim().split("\\s+");
                    return Long.parseLong(fields[fields.length - 1]);
                }
            }
        } catch (Exception | AssertionError e) {
            return -1;
        }
        return -1;
    }

    private static long countFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }
}
