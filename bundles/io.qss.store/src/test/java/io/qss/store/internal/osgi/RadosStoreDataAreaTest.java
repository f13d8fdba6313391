// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.osgi;

import io.qss.store.api.spi.StoreBackend;
import io.qss.store.rados.testing.CephClusterExtension;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store's data area on the {@code rados} backend (a throw-away memstore cluster): each volume a client of its
 * own, as the restoring qss and another process on the same pool would be.
 */
class RadosStoreDataAreaTest extends StoreDataAreaContract {

    @RegisterExtension
    static final CephClusterExtension CEPH = new CephClusterExtension("qss");

    private final String namespace = "area-" + UUID.randomUUID();

    private final StoreBackend rados =
            TestBackends.rados(CEPH.cluster().conf(), CEPH.cluster().pool());

    @Override
    protected StoreBackend backend() {
        return rados;
    }

    @Override
    protected String location() {
        return namespace;
    }
}
