// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.rados.testing.CephClusterExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * The writer lease on a real cluster with a 3 s duration: renewal keeps it past its duration, a holder that stops
 * renewing (a dead process) loses it to another client after the duration, and a late renewal never takes it back.
 */
class RadosWriterLeaseTest {

    private static final int LEASE_SECONDS = 3;

    @RegisterExtension
    static final CephClusterExtension CEPH = new CephClusterExtension("qss");

    private final List<RadosVolume> volumes = new ArrayList<>();
    private final String location = "lease-" + UUID.randomUUID();

    @AfterEach
    void closeVolumes() {
        volumes.forEach(RadosVolume::close);
    }

    private RadosVolume process() throws StoreException {
        RadosVolume volume =
                RadosVolume.connect(RadosVolumeTest.settings(CEPH.cluster()).withLeaseSeconds(LEASE_SECONDS), location);
        volumes.add(volume);
        return volume;
    }

    @Test
    void givenLeaseRenewed_whenDurationPassedTwice_thenStillHeldAndOthersRefused() throws Exception {
        RadosWriterLease lease = (RadosWriterLease) process().acquireWriter("primary:1");
        Thread.sleep(LEASE_SECONDS * 2000L);
        lease.check();
        assertUnavailable(() -> process().acquireWriter("standby:2"), "primary:1");
    }

    @Test
    void givenHolderStoppedRenewing_whenDurationPassed_thenAnotherTakesItAndOldCheckFails() throws Exception {
        RadosWriterLease dead = (RadosWriterLease) process().acquireWriter("primary:1");
        dead.abandon();
        long abandoned = System.nanoTime();
        RadosVolume standby = process();
        assertUnavailable(() -> standby.acquireWriter("standby:2"), "primary:1");
        RadosWriterLease taken = takeWithin(standby, "standby:2", LEASE_SECONDS * 3000L);
        long takeoverMillis = (System.nanoTime() - abandoned) / 1_000_000;
        assertTrue(takeoverMillis >= LEASE_SECONDS * 1000L - 500, "taken before expiry: " + takeoverMillis + " ms");
        taken.check();
        assertUnavailable(dead::check, "primary:1");
        // a late renewal of the old holder must not take it back
        dead.renew();
        assertUnavailable(dead::check, "expired or taken over");
        taken.check();
    }

    @Test
    void givenHolderRenewsLate_whenNobodyTookIt_thenLostAnyway() throws Exception {
        RadosWriterLease late = (RadosWriterLease) process().acquireWriter("primary:1");
        late.abandon();
        Thread.sleep(LEASE_SECONDS * 1000L + 500);
        late.renew();
        assertUnavailable(late::check, "expired or taken over");
    }

    private static RadosWriterLease takeWithin(RadosVolume volume, String holder, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            try {
                return (RadosWriterLease) volume.acquireWriter(holder);
            } catch (StoreException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static void assertUnavailable(Executable call, String messagePart) {
        StoreException e = assertThrows(StoreException.class, call);
        assertEquals(ErrorCode.UNAVAILABLE, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }
}
