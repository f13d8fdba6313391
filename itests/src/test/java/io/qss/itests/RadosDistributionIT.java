// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole distribution on the RADOS backend: a throw-away Ceph cluster (one monitor, one memstore OSD), qss booted
 * with the feature {@code qss-store-rados} and {@code backend = rados}, uPMU files sent over TCP by the simulator and
 * read back over REST and the console point for point; the health names the backend; after a stop and a start the
 * data is read back from the pool (the data directory holds no store). Skipped without the Ceph binaries, unless CI
 * or {@code -Dqss.ceph.required=true} asks for them.
 */
class RadosDistributionIT {

    private static final String NAMESPACE = "qss-it";
    private static final long START = 1_790_200_020L;
    private static final int FILES = 3;
    private static final IngestIT.Device EXT1 = new IngestIT.Device("P3500001", "ext1", true);

    @RegisterExtension
    static final CephClusterExtension CEPH = new CephClusterExtension("qss");

    @TempDir
    Path dir;

    @Test
    void givenRadosBackend_whenFilesSent_thenStoredInThePoolAndReadBackAfterRestart() throws Exception {
        CephCluster ceph = CEPH.cluster();
        try (Distribution qss = Distribution.unpack(dir)) {
            RadosStore.configure(qss, ceph, NAMESPACE, "op.timeout.seconds = 10\n");
            qss.start();
            assertNamesBackend(qss);
            qss.consoleOk("upmu:add 10.0.0.2 " + EXT1.serial() + " " + EXT1.alias() + " true; upmu:save");

            List<byte[]> sent = send(qss);
            IngestIT.await(() -> IngestIT.isSynced(IngestIT.list(qss), EXT1, FILES), FILES + " files synced", qss);
            assertReadBack(qss, sent);
            String objects = ceph.run("rados", "-p", ceph.pool(), "-N", NAMESPACE, "ls");
            assertFalse(objects.isBlank(), "no object in the pool's namespace " + NAMESPACE);
            assertFalse(Files.exists(qss.data.resolve("store")), "a local store was created beside the pool");

            qss.stop();
            qss.start();
            assertNamesBackend(qss);
            assertReadBack(qss, sent);
            assertFalse(Files.exists(qss.data.resolve("store")), "a local store was created beside the pool");
            qss.stop();
        }
    }

    private static List<byte[]> send(Distribution qss) throws Exception {
        SyntheticDat sim =
                SyntheticDats.generator(SyntheticDatOptions.of(EXT1.serial().hashCode(), true));
        List<byte[]> sent = new ArrayList<>();
        try (UpmuSender sender =
                UpmuSenders.sender(UpmuSenderOptions.of("127.0.0.1", qss.receiverPort, EXT1.serial()))) {
            for (int f = 0; f < FILES; f++) {
                long t = START + 60L * f;
                byte[] data = sim.generateFile(t, 60);
                assertTrue(sender.sendOnce(SyntheticDat.relativePath(EXT1.serial(), t), data), "not acknowledged");
                sent.add(data);
            }
        }
        return sent;
    }

    /** Every stream by count and digest through the console, and the first file's L1MAG point for point over REST. */
    private static void assertReadBack(Distribution qss, List<byte[]> sent) throws Exception {
        IngestIT.assertValues(qss, EXT1, sent);
        RadosStore.assertRestEqualsFile(qss, EXT1.alias(), DatStream.L1MAG, sent.get(0));
    }

    /** /health and qss:status name the backend and the pool namespace the store is open at. */
    private static void assertNamesBackend(Distribution qss) throws Exception {
        String health = qss.get("/health");
        assertTrue(health.contains("\"backend\":\"rados\""), health);
        assertTrue(health.contains("ns=" + NAMESPACE), health);
        String status = qss.consoleOk("qss:status");
        assertTrue(status.contains("backend=rados"), status);
    }
}
