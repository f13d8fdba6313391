// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.osgi;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreBackend;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.file.FileVolumes;
import io.qss.store.rados.internal.RadosSettings;
import io.qss.store.rados.internal.RadosVolume;
import java.nio.file.Path;

/** Store backends outside OSGi for the component tests, opening volumes as the backend services do. */
final class TestBackends {

    private TestBackends() {}

    /** The {@code file} backend: a location is a directory. */
    static StoreBackend file() {
        return new StoreBackend() {
            @Override
            public String name() {
                return "file";
            }

            @Override
            public StoreVolume open(String location) throws StoreException {
                return FileVolumes.open(Path.of(location));
            }
        };
    }

    /**
     * The {@code rados} backend on a test cluster: a location is a namespace of {@code pool}; each volume a client of
     * its own (as another process would have), with a 6 s writer lease.
     */
    static StoreBackend rados(Path conf, String pool) {
        RadosSettings settings = new RadosSettings(conf.toString(), "client.admin", "", pool, 64L << 20, 10, 6, 32);
        return new StoreBackend() {
            @Override
            public String name() {
                return "rados";
            }

            @Override
            public StoreVolume open(String location) throws StoreException {
                return RadosVolume.connect(settings, location);
            }
        };
    }
}
