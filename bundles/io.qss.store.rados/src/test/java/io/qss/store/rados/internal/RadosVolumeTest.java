// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.internal;

import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.StoreVolumeContract;
import io.qss.store.rados.testing.CephCluster;
import io.qss.store.rados.testing.CephClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The volume contract against a real Ceph cluster; each volume on a client of its own, as a process would. */
class RadosVolumeTest extends StoreVolumeContract {

    @RegisterExtension
    static final CephClusterExtension CEPH = new CephClusterExtension("qss");

    static RadosSettings settings(CephCluster cluster) {
        return new RadosSettings(cluster.conf().toString(), "client.admin", "", cluster.pool(), 64L << 20, 10, 6, 16);
    }

    @Override
    protected StoreVolume openVolume(String location) throws Exception {
        return RadosVolume.connect(settings(CEPH.cluster()), location);
    }
}
