// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.receiver.SpooledFile;
import io.qss.store.rados.internal.RadosBackend;
import io.qss.store.rados.testing.CephCluster;
import io.qss.store.rados.testing.CephClusterExtension;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared spool on a real Ceph cluster (one monitor, one memstore OSD, started by the test): two nodes, a file
 * acknowledged on one pulled by the other and gone from the pool once ingested; with the OSD stopped the copy fails
 * within the op timeout and files are refused until a poll finds the pool writable again. Skipped without the Ceph
 * binaries, unless CI or {@code -Dqss.ceph.required=true} asks for them.
 */
class RadosSharedSpoolTest {

    private static final String SERIAL = "P3001234";
    private static final int OP_TIMEOUT_SECONDS = 3;

    @RegisterExtension
    static final CephClusterExtension CEPH = new CephClusterExtension("qss");

    @TempDir
    Path dir;

    private RadosBackend backend;
    private final List<SharedSpool> nodes = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(SharedSpool::close);
        backend.close();
    }

    /** One node: its local spool and the shared spool it copies to and pulls from. */
    private record Node(SpoolImpl spool, SharedSpool shared) {}

    private Node node(String name, List<SpooledFile> notified) throws Exception {
        if (backend == null) {
            backend = new RadosBackend(config(CEPH.cluster()));
        }
        SpoolImpl spool = new SpoolImpl(dir.resolve(name), () -> true, name);
        spool.addListener(notified::add);
        SharedSpool shared = new SharedSpool("rados", "spool-test-" + dir.getFileName(), spool);
        nodes.add(shared);
        spool.share(shared);
        shared.backendArrived(backend);
        shared.awaitWorker();
        assertNull(shared.refusal(), "open and writable");
        return new Node(spool, shared);
    }

    @Test
    void givenTwoNodes_whenOneAcknowledges_thenTheOtherPullsItAndIngestRemovesItFromThePool() throws Exception {
        List<SpooledFile> onA = new CopyOnWriteArrayList<>();
        List<SpooledFile> onB = new CopyOnWriteArrayList<>();
        Node a = node("a", onA);
        Node b = node("b", onB);
        byte[] data = new byte[551_520];
        data[7] = 42;

        a.spool().store(SERIAL, "/root/upmu_data/2026/12/06/a_b.dat", data);
        b.shared().poll();

        assertEquals(1, onB.size());
        assertArrayEquals(data, Files.readAllBytes(onB.get(0).file()));
        b.spool().ingested(SERIAL, onB.get(0).path());
        b.shared().poll();
        List<SpooledFile> onC = new CopyOnWriteArrayList<>();
        node("c", onC).shared().poll();
        assertEquals(List.of(), onC, "nothing left in the pool once ingested");
    }

    @Test
    void givenOsdStopped_whenFileStored_thenCopyFailsInTimeAndFilesRefusedUntilThePoolTakesWritesAgain()
            throws Exception {
        CephCluster ceph = CEPH.cluster();
        List<SpooledFile> onA = new CopyOnWriteArrayList<>();
        Node a = node("a", onA);
        ceph.stopOsd();
        try {
            long started = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> a.spool().store(SERIAL, "x/1.dat", new byte[] {1}));
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;

            assertTrue(seconds <= OP_TIMEOUT_SECONDS * 3L, "the copy failed after " + seconds + " s");
            assertTrue(e.getMessage().startsWith("copying the file to the shared spool failed"), e.getMessage());
            assertNotNull(a.shared().refusal());
            assertEquals(List.of(), onA, "sync heard of nothing");
        } finally {
            ceph.startOsd();
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (a.shared().refusal() != null && System.nanoTime() < deadline) {
            a.shared().poll();
        }
        assertNull(a.shared().refusal(), "files taken again once the pool takes writes");
        a.spool().store(SERIAL, "x/1.dat", new byte[] {1});
        assertEquals(1, onA.size());
    }

    private static RadosBackend.Config config(CephCluster ceph) {
        Map<String, Object> values = Map.of(
                "ceph_conf",
                ceph.conf().toString(),
                "client_name",
                "client.admin",
                "pool",
                ceph.pool(),
                "op_timeout_seconds",
                OP_TIMEOUT_SECONDS);
        return (RadosBackend.Config) Proxy.newProxyInstance(
                RadosBackend.Config.class.getClassLoader(),
                new Class<?>[] {RadosBackend.Config.class},
                (proxy, method, args) -> method.getName().equals("annotationType")
                        ? RadosBackend.Config.class
                        : values.getOrDefault(method.getName(), method.getDefaultValue()));
    }
}
