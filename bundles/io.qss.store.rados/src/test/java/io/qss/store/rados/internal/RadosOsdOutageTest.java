// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.WritableObject;
import io.qss.store.api.spi.WriterLease;
import io.qss.store.rados.testing.CephClusterExtension;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * With the only OSD stopped, operations fail with UNAVAILABLE within the op timeout, the writer lease stops
 * confirming, and everything works again once the OSD is back (the lease then for whoever takes it first), an
 * object open for writing too: the write that timed out is sent again.
 */
class RadosOsdOutageTest {

    private static final int OP_TIMEOUT_SECONDS = 3;

    @RegisterExtension
    static final CephClusterExtension CEPH = new CephClusterExtension("qss");

    @Test
    void givenOsdStopped_whenObjectsUsed_thenUnavailableInTimeAndFineAfterRestart() throws Exception {
        RadosSettings settings = RadosVolumeTest.settings(CEPH.cluster()).withOpTimeoutSeconds(OP_TIMEOUT_SECONDS);
        try (RadosVolume volume = RadosVolume.connect(settings, "outage")) {
            byte[] before = {1, 2, 3};
            volume.replace("kept", before);
            WritableObject log = volume.openWritable("log", Long.MAX_VALUE);
            WriterLease lease = volume.acquireWriter("primary:1");

            CEPH.cluster().stopOsd();
            assertUnavailableWithinTimeout(() -> volume.replace("meta", new byte[] {4}));
            assertUnavailableWithinTimeout(() -> volume.readAll("kept"));
            assertUnavailableWithinTimeout(() -> {
                log.write(0, ByteBuffer.wrap(new byte[] {5, 6}));
                log.sync();
            });
            assertUnavailableWithinTimeout(volume::probeWrite);
            // no renewal for longer than the lease: the writer must stop committing
            assertEquals(
                    ErrorCode.UNAVAILABLE,
                    assertThrows(StoreException.class, lease::check).code());

            CEPH.cluster().startOsd();
            try (RadosVolume standby = RadosVolume.connect(settings, "outage")) {
                // the lock expired during the outage and the old holder's must-renew cannot take it back
                standby.acquireWriter("standby:2").check();
            }
            assertArrayEquals(before, volume.readAll("kept"));
            volume.probeWrite();
            volume.replace("meta", new byte[] {4});
            assertArrayEquals(new byte[] {4}, volume.readAll("meta"));
            // the write that timed out was kept: the next sync sends it again, and the open object writes on
            log.sync();
            log.write(2, ByteBuffer.wrap(new byte[] {7}));
            log.sync();
            log.close();
            assertArrayEquals(new byte[] {5, 6, 7}, volume.readAll("log"));
        }
    }

    private static void assertUnavailableWithinTimeout(Executable call) {
        long start = System.nanoTime();
        StoreException e = assertThrows(StoreException.class, call);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ErrorCode.UNAVAILABLE, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("ETIMEDOUT"), e.getMessage());
        assertTrue(millis < OP_TIMEOUT_SECONDS * 1000L + 2000, "took " + millis + " ms: " + e.getMessage());
    }
}
