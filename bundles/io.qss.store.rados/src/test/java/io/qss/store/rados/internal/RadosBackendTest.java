// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.rados.testing.CephClusterExtension;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The DS component: stores as namespaces of one pool, and a clear UNAVAILABLE when no monitor answers. */
class RadosBackendTest {

    @RegisterExtension
    static final CephClusterExtension CEPH = new CephClusterExtension("qss");

    @Test
    void givenTwoLocations_whenOpened_thenSeparateNamespacesAndClosedWithTheBackend() throws Exception {
        RadosBackend backend = new RadosBackend(RadosVolumeTest.settings(CEPH.cluster()));
        StoreVolume one = backend.open("store-one");
        StoreVolume two = backend.open("store-two");
        one.replace("header", new byte[] {1});
        two.replace("header", new byte[] {2});
        assertArrayEquals(new byte[] {1}, one.readAll("header"));
        assertArrayEquals(new byte[] {2}, two.readAll("header"));
        assertEquals("pool=qss, ns=store-one", one.describe());
        one.acquireWriter("primary:1");
        backend.close();
        RadosBackend another = new RadosBackend(RadosVolumeTest.settings(CEPH.cluster()));
        try {
            // the lease was released with the backend, so it is free at once
            another.open("store-one").acquireWriter("standby:2").check();
        } finally {
            another.close();
        }
    }

    @Test
    void givenNoMonitorAnswers_whenOpened_thenUnavailableWithinTimeout(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path conf = Files.writeString(dir.resolve("ceph.conf"), "[global]\nmon host = 127.0.0.1:" + closedPort + "\n");
        RadosSettings settings = new RadosSettings(conf.toString(), "client.admin", "", "qss", 1 << 20, 2, 30, 4);
        RadosBackend backend = new RadosBackend(settings);
        long start = System.nanoTime();
        StoreException e = assertThrows(StoreException.class, () -> backend.open("store"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ErrorCode.UNAVAILABLE, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("connecting to the Ceph cluster failed"), e.getMessage());
        assertTrue(millis < 10_000, "took " + millis + " ms");
        backend.close();
    }
}
