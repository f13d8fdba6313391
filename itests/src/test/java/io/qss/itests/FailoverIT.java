// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.dat.DatStream;
import io.qss.dat.tools.send.UpmuSender;
import io.qss.dat.tools.send.UpmuSenderOptions;
import io.qss.dat.tools.send.UpmuSenders;
import io.qss.dat.tools.sim.SyntheticDat;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import io.qss.store.rados.testing.CephCluster;
import io.qss.store.rados.testing.CephClusterExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two qss on one store and one spool, the way a standby pair runs: both distributions keep the store in one RADOS
 * namespace with {@code standby = true}, share the receiver's spool through RADOS ({@code spool.shared = rados}) and
 * use one MongoDB (a mongo-java-server in this JVM), so they know the same devices, streams and UUIDs. The device is
 * registered on the writer after the standby is up: the standby learns of it by following MongoDB (the registry's
 * {@code follow.seconds}), which it must, or it would keep the device's files after the takeover without ingesting
 * them. A uPMU sends to the writer; right after a burst of files (acknowledged, not all ingested yet) the writer's JVM is killed with
 * SIGKILL. The standby takes the store over within the lease (25 s) plus slack, the uPMU sends the rest of its files
 * to it, and in the end every acknowledged file's points are in the store exactly once (each stream holds 7,200
 * points per file) and the shared spool is empty (every file ingested). Skipped without the Ceph binaries, unless CI
 * or {@code -Dqss.ceph.required=true} asks for them.
 */
class FailoverIT {

    private static final String STORE_NAMESPACE = "qss-failover";
    private static final String SPOOL_NAMESPACE = "qss-failover-spool";
    private static final long START = 1_790_400_000L;
    private static final int STEADY_FILES = 4;
    private static final int BURST_FILES = 10;
    private static final int AFTER_FILES = 4;
    private static final Duration TAKEOVER_BAR = Duration.ofSeconds(30);
    private static final Duration TAKEOVER_SLACK = Duration.ofSeconds(15);
    private static final IngestIT.Device EXT1 = new IngestIT.Device("P3500001", "ext1", true);
    private static final Pattern STORE_HEALTH =
            Pattern.compile("\"store\":\\{\"state\":\"(\\w+)\",\"detail\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    @RegisterExtension
    static final CephClusterExtension CEPH = new CephClusterExtension("qss");

    @TempDir
    Path dir;

    private final SyntheticDat sim = SyntheticDats.generator(SyntheticDatOptions.of(7, true));
    private int sentFiles;

    @Test
    void givenStandbyPairSharingTheSpool_whenWriterKilledAfterABurst_thenStandbyTakesOverAndEveryFileIsStoredOnce()
            throws Exception {
        CephCluster ceph = CEPH.cluster();
        MongoServer mongo = new MongoServer(H2Backend.inMemory());
        int mongoPort = Distribution.freePort(); // handed out once, so no distribution's listener gets it too
        mongo.bind("127.0.0.1", mongoPort);
        try (Distribution writer = pairMember(dir.resolve("a"), ceph, mongoPort);
                Distribution standby = pairMember(dir.resolve("b"), ceph, mongoPort)) {
            writer.start();
            IngestIT.await(() -> isWriter(writer), "the first node writes", writer);
            standby.start();
            IngestIT.await(() -> isStandby(standby), "the second node is standby", standby);
            IngestIT.await(() -> isSharing(writer) && isSharing(standby), "both share the spool", writer);
            // registered once both run: the standby read the devices at its start, before this one existed
            writer.consoleOk("upmu:add 10.0.0.2 " + EXT1.serial() + " " + EXT1.alias() + " true; upmu:save");
            long registered = System.nanoTime();
            IngestIT.await(
                    () -> IngestIT.list(standby).contains(EXT1.serial()),
                    "the standby follows the device saved on the writer",
                    standby);
            long followMillis = (System.nanoTime() - registered) / 1_000_000;

            for (int i = 0; i < STEADY_FILES; i++) {
                send(writer);
                Thread.sleep(500);
            }
            IngestIT.await(
                    () -> IngestIT.isSynced(IngestIT.list(writer), EXT1, STEADY_FILES),
                    "the steady files synced on the writer",
                    writer);
            // generated before, so that the files arrive faster than sync ingests them
            List<byte[]> burst = new ArrayList<>();
            for (int i = 0; i < BURST_FILES; i++) {
                burst.add(nextFile(i));
            }
            long burstStarted = System.nanoTime();
            for (byte[] file : burst) {
                send(writer, file);
            }
            long burstMillis = (System.nanoTime() - burstStarted) / 1_000_000;
            long killed = System.nanoTime();
            writer.kill();
            int sharedAtKill = sharedFiles(ceph).size();
            assertTrue(sharedAtKill > 0, "every burst file was ingested before the kill: nothing left to take over");

            IngestIT.await(() -> isWriter(standby), "the standby took the store over", standby);
            Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
            assertTrue(
                    takeover.compareTo(TAKEOVER_BAR.plus(TAKEOVER_SLACK)) <= 0,
                    "takeover took " + takeover + " (bar " + TAKEOVER_BAR + " plus slack)");
            for (int i = 0; i < AFTER_FILES; i++) {
                send(standby);
            }

            long expected = sentFiles * 60L * 120;
            int streams = DatStream.streams(true).size();
            IngestIT.await(
                    () -> {
                        Map<String, Long> now = RadosStore.pointsPerStream(standby, EXT1.alias());
                        return now.size() == streams && now.values().stream().allMatch(n -> n == expected);
                    },
                    "every acknowledged file stored [files=" + sentFiles + "]",
                    standby);
            Map<String, Long> points = RadosStore.pointsPerStream(standby, EXT1.alias());
            assertEquals(streams, points.size(), points.toString());
            points.forEach(
                    (stream, count) -> assertEquals(expected, count, stream + " points (none twice, none lost)"));
            IngestIT.await(() -> sharedFiles(ceph).isEmpty(), "the shared spool empty once all is ingested", standby);
            System.out.printf(
                    "FailoverIT: device saved on the writer known to the standby after %d ms; burst of %d files sent"
                            + " and acknowledged in %d ms (each copied to the shared spool first); takeover %d ms after"
                            + " SIGKILL; %d files acknowledged by the killed writer were not yet ingested at the kill; %d"
                            + " files, %d points per stream stored once%n",
                    followMillis, BURST_FILES, burstMillis, takeover.toMillis(), sharedAtKill, sentFiles, expected);
            standby.stop();
        } finally {
            mongo.shutdownNow();
        }
    }

    /**
     * A distribution of the pair: store in the shared namespace with {@code standby = true}, the spool shared
     * through RADOS, MongoDB at {@code mongoPort}.
     */
    private static Distribution pairMember(Path home, CephCluster ceph, int mongoPort) throws Exception {
        Distribution qss = Distribution.unpack(home);
        RadosStore.configure(qss, ceph, STORE_NAMESPACE, "op.timeout.seconds = 10\n");
        qss.appendConfig("etc/io.qss.store.cfg", "standby = true\n");
        qss.appendConfig("etc/io.qss.mongo.cfg", "uri = mongodb://127.0.0.1:" + mongoPort + "\n");
        qss.appendConfig(
                "etc/io.qss.receiver.cfg", "spool.shared = rados\nspool.shared.location = " + SPOOL_NAMESPACE + "\n");
        return qss;
    }

    /** The device's file {@code ahead} files after the next one to send. */
    private byte[] nextFile(int ahead) {
        return sim.generateFile(START + 60L * (sentFiles + ahead), 60);
    }

    /** Sends the device's next file until the receiver acknowledges it, as the uPMU does. */
    private void send(Distribution qss) throws Exception {
        send(qss, nextFile(0));
    }

    /** Sends {@code data} as the device's next file until the receiver acknowledges it. */
    private void send(Distribution qss, byte[] data) throws Exception {
        long t = START + 60L * sentFiles;
        String path = SyntheticDat.relativePath(EXT1.serial(), t);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!sendOnce(qss, path, data)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "file never acknowledged [path=" + path + ", health=" + qss.get("/health") + "]");
            }
            Thread.sleep(500);
        }
        sentFiles++;
    }

    private static boolean sendOnce(Distribution qss, String path, byte[] data) {
        try (UpmuSender sender =
                UpmuSenders.sender(UpmuSenderOptions.of("127.0.0.1", qss.receiverPort, EXT1.serial()))) {
            return sender.sendOnce(path, data);
        } catch (Exception e) {
            return false;
        }
    }

    /** The objects of the shared spool: files acknowledged and not yet ingested. */
    private static List<String> sharedFiles(CephCluster ceph) {
        try {
            return Distribution.lines(ceph.run("rados", "-p", ceph.pool(), "-N", SPOOL_NAMESPACE, "ls")).stream()
                    .filter(l -> !l.isBlank())
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException("listing the shared spool failed", e);
        }
    }

    private static boolean isStandby(Distribution qss) {
        Matcher m = STORE_HEALTH.matcher(String.valueOf(qss.get("/health")));
        return m.find() && m.group(2).startsWith("standby");
    }

    /** The store is UP and writes: open, not standby. */
    private static boolean isWriter(Distribution qss) {
        Matcher m = STORE_HEALTH.matcher(String.valueOf(qss.get("/health")));
        return m.find() && m.group(1).equals("UP") && !m.group(2).startsWith("standby");
    }

    /** The receiver's health is UP with its shared spool open (no refusal). */
    private static boolean isSharing(Distribution qss) {
        String health = String.valueOf(qss.get("/health"));
        return health.matches("(?s).*\"receiver\":\\{\"state\":\"UP\".*")
                && health.contains("\"sharedSpool\":\"rados:" + SPOOL_NAMESPACE + "\"");
    }
}
