// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.store;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.file.FileVolumes;
import io.qss.store.rados.internal.RadosSettings;
import io.qss.store.rados.internal.RadosVolume;
import io.qss.store.rados.testing.CephCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the store bench keeps its stores: directories under a root ({@code file}), or namespaces of a RADOS pool
 * ({@code rados}: a throw-away memstore cluster, or an existing one). A store is named; each open is a fresh volume.
 */
abstract class BenchBackend implements AutoCloseable {

    /** Marks a built query store, so a later run on the same place reuses it. */
    private static final String BUILT = "BUILT";

    abstract String name();

    abstract StoreVolume open(String store) throws StoreException;

    /** Removes every object of a store. */
    abstract void delete(String store) throws Exception;

    boolean isBuilt(String store) throws StoreException {
        try (StoreVolume volume = open(store)) {
            return volume.length(BUILT) >= 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void markBuilt(String store, String text) throws Exception {
        try (StoreVolume volume = open(store)) {
            volume.replace(BUILT, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws Exception {}

    static BenchBackend file(Path root) {
        return new BenchBackend() {
            @Override
            String name() {
                return "file";
            }

            @Override
            StoreVolume open(String store) throws StoreException {
                return FileVolumes.open(root.resolve(store));
            }

            @Override
            void delete(String store) throws Exception {
                StoreBenchMain.deleteTree(root.resolve(store));
            }

            @Override
            boolean isBuilt(String store) {
                return Files.exists(root.resolve(store).resolve(BUILT));
            }
        };
    }

    /**
     * RADOS: with an empty {@code conf}, a throw-away memstore cluster (RAM, 4 GiB) that {@link #close} stops;
     * otherwise the cluster that {@code conf} names, user {@code client.admin} unless {@code client} says otherwise.
     */
    static BenchBackend rados(String conf, String pool, String client) throws Exception {
        CephCluster cluster = conf.isEmpty() ? CephCluster.start(pool, 4L << 30) : null;
        String confPath = cluster != null ? cluster.conf().toString() : conf;
        RadosSettings settings = new RadosSettings(confPath, client, "", pool, 64L << 20, 30, 30, 32);
        return new BenchBackend() {
            @Override
            String name() {
                return "rados";
            }

            @Override
            StoreVolume open(String store) throws StoreException {
                return RadosVolume.connect(settings, "bench-" + store);
            }

            @Override
            void delete(String store) throws Exception {
                try (StoreVolume volume = open(store)) {
                    for (String name : volume.list("")) {
                        volume.delete(name);
                    }
                }
            }

            @Override
            public void close() throws Exception {
                if (cluster != null) {
                    cluster.close();
                }
            }
        };
    }
}
