// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link CephCluster} per test class: {@code @RegisterExtension static final CephClusterExtension CEPH = new
 * CephClusterExtension("qss");} starts it before the class's first test and stops it after the last.
 */
public final class CephClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private final String pool;
    private final long memstoreBytes;
    private CephCluster cluster;

    /** A cluster with a pool named {@code pool} and 1 GiB of memstore. */
    public CephClusterExtension(String pool) {
        this(pool, 1L << 30);
    }

    /** A cluster with a pool named {@code pool} whose OSD holds at most {@code memstoreBytes} (full-cluster tests). */
    public CephClusterExtension(String pool, long memstoreBytes) {
        this.pool = pool;
        this.memstoreBytes = memstoreBytes;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster = CephCluster.start(pool, memstoreBytes);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** The running cluster. */
    public CephCluster cluster() {
        return cluster;
    }
}
