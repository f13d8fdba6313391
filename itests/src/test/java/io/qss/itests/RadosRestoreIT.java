// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore and new database with the store in a RADOS pool (a throw-away memstore cluster, as in
 * {@link RadosDistributionIT}): {@code qss:backup}, more files ingested, {@code qss:restore --yes} gives back exactly
 * the backed-up points read from the pool namespace, and {@code qss:newdb --yes} empties the namespace's store; the
 * data directory never gets a local store folder. Skipped without the Ceph binaries, unless CI or
 * {@code -Dqss.ceph.required=true} asks for them.
 */
class RadosRestoreIT {

    private static final String NAMESPACE = "qss-restore-it";
    private static final long START = 1_790_300_040L;
    private static final IngestIT.Device EXT1 = new IngestIT.Device("P3500001", "ext1", true);

    @RegisterExtension
    static final CephClusterExtension CEPH = new CephClusterExtension("qss");

    @TempDir
    Path dir;

    @Test
    void givenRadosBackend_whenRestoredAndNewdb_thenThePoolHoldsTheBackupsPointsThenNone() throws Exception {
        CephCluster ceph = CEPH.cluster();
        try (Distribution qss = Distribution.unpack(dir.resolve("dist"))) {
            RadosStore.configure(qss, ceph, NAMESPACE, "op.timeout.seconds = 10\n");
            qss.start();
            qss.consoleOk("upmu:add 10.0.0.2 " + EXT1.serial() + " " + EXT1.alias() + " true; upmu:save");
            List<byte[]> backedUp = send(qss, 0, 2);
            IngestIT.await(() -> IngestIT.isSynced(IngestIT.list(qss), EXT1, 2), "2 files synced", qss);
            Map<String, Long> atBackup = RadosStore.pointsPerStream(qss, EXT1.alias());
            Path backup = dir.resolve("backup");
            qss.consoleOk("qss:backup " + backup);

            send(qss, 2, 2);
            IngestIT.await(() -> IngestIT.isSynced(IngestIT.list(qss), EXT1, 4), "4 files synced", qss);
            assertNotEquals(atBackup, RadosStore.pointsPerStream(qss, EXT1.alias()), "more points after the backup");

            long t = System.nanoTime();
            String restored = qss.consoleOk("qss:restore --yes " + backup);
            System.out.printf("rados_restore_s=%.2f%n%s%n", (System.nanoTime() - t) / 1e9, restored.strip());
            assertTrue(restored.contains("store restored into rados"), restored);
            assertTrue(restored.contains("ns=" + NAMESPACE), restored);
            assertEquals(atBackup, RadosStore.pointsPerStream(qss, EXT1.alias()), "points per stream after restore");
            IngestIT.assertValues(qss, EXT1, backedUp);
            RadosStore.assertRestEqualsFile(qss, EXT1.alias(), DatStream.L1MAG, backedUp.get(0));
            assertFalse(Files.exists(qss.data.resolve("store")), "a local store folder was restored beside the pool");

            String emptied = qss.consoleOk("qss:newdb --yes");
            System.out.println(emptied.strip());
            assertTrue(emptied.contains("store emptied in rados"), emptied);
            String health = qss.get("/health");
            assertTrue(health.matches("(?s).*\"backend\":\"rados\",\"volume\":\"[^\"]*\",\"streams\":0[,}].*"), health);
            assertTrue(health.contains("ns=" + NAMESPACE), health);
            assertFalse(Files.exists(qss.data.resolve("store")), "a local store folder was created beside the pool");
            qss.stop();
        }
    }

    /** Sends {@code count} one-minute files of the device, the first {@code first} minutes after START. */
    private static List<byte[]> send(Distribution qss, int first, int count) throws Exception {
        SyntheticDat sim =
                SyntheticDats.generator(SyntheticDatOptions.of(EXT1.serial().hashCode(), true));
        List<byte[]> sent = new ArrayList<>();
        try (UpmuSender sender =
                UpmuSenders.sender(UpmuSenderOptions.of("127.0.0.1", qss.receiverPort, EXT1.serial()))) {
            for (int f = first; f < first + count; f++) {
                long t = START + 60L * f;
                byte[] data = sim.generateFile(t, 60);
                assertTrue(sender.sendOnce(SyntheticDat.relativePath(EXT1.serial(), t), data), "not acknowledged");
                sent.add(data);
            }
        }
        return sent;
    }
}
