// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.rados.testing.CephClusterExtension;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A full OSD makes writes wait, not fail: the op timeout turns that into UNAVAILABLE instead of a hang. */
class RadosFullClusterTest {

    private static final int OP_TIMEOUT_SECONDS = 3;

    @RegisterExtension
    static final CephClusterExtension CEPH = new CephClusterExtension("qss", 96L << 20);

    @Test
    void givenOsdFillsUp_whenWritingOn_thenUnavailableWithinTimeoutNotAHang() throws Exception {
        RadosSettings settings = RadosVolumeTest.settings(CEPH.cluster()).withOpTimeoutSeconds(OP_TIMEOUT_SECONDS);
        byte[] chunk = new byte[4 << 20];
        new Random(3).nextBytes(chunk);
        try (RadosVolume volume = RadosVolume.connect(settings, "full")) {
            // the OSD notices it is full from its statistics, refreshed every few seconds: write at a pace
            for (int i = 0; i < 120; i++) {
                long start = System.nanoTime();
                try {
                    volume.replace("filler-" + i, chunk);
                } catch (StoreException e) {
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    assertEquals(ErrorCode.UNAVAILABLE, e.code(), e.getMessage());
                    assertTrue(e.getMessage().contains("object=filler-" + i), e.getMessage());
                    assertTrue(millis < OP_TIMEOUT_SECONDS * 1000L + 2000, "took " + millis + " ms");
                    return;
                }
                Thread.sleep(250);
            }
            fail("480 MB went into a 96 MB OSD");
        }
    }
}
