// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.rados.testing.CephClusterExtension;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ModelTest} against a RADOS namespace of a test cluster (one cluster for the class, one namespace per test). */
class RadosModelTest extends ModelTest {

    @RegisterExtension
    static final CephClusterExtension CEPH = new CephClusterExtension("qss");

    private final String namespace = "engine-" + UUID.randomUUID();

    @Override
    protected String volumeSpec() {
        return TestVolumes.rados(CEPH.cluster().conf(), CEPH.cluster().pool(), namespace);
    }

    /** RADOS: a third of the file run: each commit is a round trip to the cluster ({@code -Dqss.model.operations} for more). */
    @Override
    protected int defaultOperations() {
        return 600;
    }
}
