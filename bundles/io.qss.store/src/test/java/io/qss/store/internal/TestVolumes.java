// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.file.FileVolumes;
import io.qss.store.rados.internal.RadosSettings;
import io.qss.store.rados.internal.RadosVolume;
import java.nio.file.Path;

/**
 * Test helpers: a store's place as one string, so a child process opens the same store as its parent:
 * {@code file:<dir>} or {@code rados:<ceph.conf>|<pool>|<namespace>}.
 */
final class TestVolumes {

    /** Short, so that a store whose writer was killed is free again within a test's patience. */
    static final int RADOS_LEASE_SECONDS = 6;

    private TestVolumes() {}

    static String file(Path dir) {
        return "file:" + dir;
    }

    static String rados(Path conf, String pool, String namespace) {
        return "rados:" + conf + "|" + pool + "|" + namespace;
    }

    /** A fresh volume of the store the spec names, as another process would open it. */
    static StoreVolume open(String spec) throws StoreException {
        if (spec.startsWith("file:")) {
            return FileVolumes.open(Path.of(spec.substring(5)));
        }
        if (spec.startsWith("rados:")) {
            String[] parts = spec.substring(6).split("\\|");
            RadosSettings settings =
                    new RadosSettings(parts[0], "client.admin", "", parts[1], 64L << 20, 10, RADOS_LEASE_SECONDS, 32);
            return RadosVolume.connect(settings, parts[2]);
        }
        throw new IllegalArgumentException("volume spec unknown [spec=" + spec + "]");
    }

    /**
     * Opens the store for writing, waiting while another process's lease still holds it (a killed writer's RADOS
     * lease runs out {@link #RADOS_LEASE_SECONDS} after its last renewal).
     */
    static TimeSeriesStoreImpl openWhenFree(String spec, StoreOptions options) throws Exception {
        long deadline = System.nanoTime() + (RADOS_LEASE_SECONDS + 30) * 1_000_000_000L;
        while (true) {
            try {
                return TimeSeriesStoreImpl.open(open(spec), options);
            } catch (StoreException e) {
                if (e.code() != ErrorCode.UNAVAILABLE || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
