// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ceph cluster stops answering in the middle of an ingest: the only OSD is stopped for 20 s while a uPMU keeps
 * sending. The receiver keeps acknowledging (it spools to local disk, independent of the store), the store's health
 * says that writes fail (within two op timeouts,
 * measured 10 s at 5 s), sync keeps the files pending and retries them, and once the OSD is
 * back ingest resumes by itself: every file sent is stored exactly once (the point count of every stream equals the
 * files'), none is marked failed, and the health is OK again.
 *
 * <p>The lease is longer than the outage ({@code lease.seconds = 60}): a writer whose lease expired at the OSD
 * while it could not renew refuses writes until qss restarts (see docs/scale-out.md).
 */
class ClusterTroubleIT {

    private static final String NAMESPACE = "qss-trouble";
    private static final int OP_TIMEOUT_SECONDS = 5;
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Duration SEND_INTERVAL = Duration.ofMillis(400);
    private static final long START = 1_790_300_000L;
    private static final IngestIT.Device EXT1 = new IngestIT.Device("P3500001", "ext1", true);
    private static final Pattern STORE_HEALTH =
            Pattern.compile("\"store\":\\{\"state\":\"(\\w+)\",\"detail\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    @RegisterExtension
    static final CephClusterExtension CEPH = new CephClusterExtension("qss");

    @TempDir
    Path dir;

    @Test
    void givenIngestRunning_whenOsdStopsFor20s_thenFilesSpooledHealthSaysWhyAndAllStoredOnceAfterItReturns()
            throws Exception {
        CephCluster ceph = CEPH.cluster();
        try (Distribution qss = Distribution.unpack(dir)) {
            RadosStore.configure(
                    qss, ceph, NAMESPACE, "op.timeout.seconds = " + OP_TIMEOUT_SECONDS + "\nlease.seconds = 60\n");
            qss.start();
            qss.consoleOk("upmu:add 10.0.0.2 " + EXT1.serial() + " " + EXT1.alias() + " true; upmu:save");

            Upmu device = new Upmu(qss);
            Thread sending = new Thread(device::sendUntilStopped, "upmu " + EXT1.serial());
            sending.start();
            await(() -> device.acked.get() >= 5, "5 files acknowledged before the outage");
            IngestIT.await(() -> storeHealth(qss)[0].equals("UP"), "the store writes", qss);

            long stopped = System.nanoTime();
            ceph.stopOsd();
            int ackedAtStop = device.acked.get();
            await(() -> !storeHealth(qss)[0].equals("UP"), "the store's health reports the outage");
            Duration toReport = Duration.ofNanos(System.nanoTime() - stopped);
            String[] during = storeHealth(qss);
            assertTrue(during[1].startsWith("storage not answering [backend=rados, since="), during[1]);
            assertTrue(
                    toReport.compareTo(Duration.ofSeconds(OP_TIMEOUT_SECONDS * 3L)) < 0,
                    "store health still UP " + toReport + " after the OSD stopped");
            Thread.sleep(Math.max(
                    0,
                    OUTAGE.minus(Duration.ofNanos(System.nanoTime() - stopped)).toMillis()));
            int ackedDuringOutage = device.acked.get() - ackedAtStop;
            ceph.startOsd();
            assertTrue(ackedDuringOutage > 0, "the receiver stopped acknowledging while the cluster was away");

            Thread.sleep(5_000);
            device.isStopped.set(true);
            sending.join(60_000);
            assertEquals(null, device.failure.get(), "the device failed");
            int files = device.acked.get();
            IngestIT.await(
                    () -> IngestIT.isSynced(IngestIT.list(qss), EXT1, files),
                    "every file synced after the outage [files=" + files + "]",
                    qss);
            Map<String, Long> points = RadosStore.pointsPerStream(qss, EXT1.alias());
            assertEquals(DatStream.streams(true).size(), points.size(), points.toString());
            points.forEach((stream, count) -> assertEquals(files * 60L * 120, count, stream + " points"));
            IngestIT.await(() -> storeHealth(qss)[0].equals("UP"), "the store's health back to UP", qss);
            IngestIT.await(() -> "OK".equals(qss.status()), "/status OK", qss);
            System.out.printf(
                    "ClusterTroubleIT: store health reported the outage after %d ms; %d files acknowledged during"
                            + " the %d s outage, %d in all%n",
                    toReport.toMillis(), ackedDuringOutage, OUTAGE.toSeconds(), files);
            qss.stop();
        }
    }

    /**
     * A uPMU that sends a new one-minute file every {@link #SEND_INTERVAL} and, like the device, keeps a file the
     * server did not acknowledge and sends it again.
     */
    private static final class Upmu {
        final AtomicInteger acked = new AtomicInteger();
        final AtomicBoolean isStopped = new AtomicBoolean();
        final AtomicReference<String> failure = new AtomicReference<>();
        private final Distribution qss;

        Upmu(Distribution qss) {
            this.qss = qss;
        }

        void sendUntilStopped() {
            SyntheticDat sim = SyntheticDats.generator(SyntheticDatOptions.of(42, true));
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            for (int f = 0; !isStopped.get(); f++) {
                long t = START + 60L * f;
                byte[] data = sim.generateFile(t, 60);
                while (!sendOnce(SyntheticDat.relativePath(EXT1.serial(), t), data)) {
                    if (System.nanoTime() > deadline) {
                        failure.set("file never acknowledged: " + SyntheticDat.relativePath(EXT1.serial(), t));
                        return;
                    }
                    pause();
                }
                acked.incrementAndGet();
                pause();
            }
        }

        private boolean sendOnce(String path, byte[] data) {
            try (UpmuSender sender =
                    UpmuSenders.sender(UpmuSenderOptions.of("127.0.0.1", qss.receiverPort, EXT1.serial()))) {
                return sender.sendOnce(path, data);
            } catch (Exception e) {
                return false;
            }
        }

        private static void pause() {
            try {
                Thread.sleep(SEND_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The store component's state and detail from /health; {"", ""} when unreadable. */
    private static String[] storeHealth(Distribution qss) {
        String health = qss.get("/health");
        Matcher m = STORE_HEALTH.matcher(String.valueOf(health));
        return m.find() ? new String[] {m.group(1), m.group(2)} : new String[] {"", ""};
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }
}
