// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.rados.testing.CephClusterExtension;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Standby and takeover on a RADOS namespace, each volume a client of its own as another process would be. */
class RadosStandbyTest extends StandbyContract {

    @RegisterExtension
    static final CephClusterExtension CEPH = new CephClusterExtension("qss");

    private final String spec =
            TestVolumes.rados(CEPH.cluster().conf(), CEPH.cluster().pool(), "standby-" + UUID.randomUUID());

    @Override
    protected StoreVolume openVolume() throws StoreException {
        return TestVolumes.open(spec);
    }

    @Override
    protected long takeoverMillis() {
        return (TestVolumes.RADOS_LEASE_SECONDS + 10) * 1000L;
    }
}
