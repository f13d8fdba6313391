// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.osgi;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreBackend;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.rados.internal.RadosSettings;
import io.qss.store.rados.internal.RadosVolume;
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

    private final StoreBackend rados = new StoreBackend() {
        @Override
        public String name() {
            return "rados";
        }

        @Override
        public StoreVolume open(String location) throws StoreException {
            RadosSettings settings = new RadosSettings(
                    CEPH.cluster().conf().toString(),
                    "client.admin",
                    "",
                    CEPH.cluster().pool(),
                    64L << 20,
                    10,
                    6,
                    32);
            return RadosVolume.connect(settings, location);
        }
    };

    @Override
    protected StoreBackend backend() {
        return rados;
    }

    @Override
    protected String location() {
        return namespace;
    }
}
