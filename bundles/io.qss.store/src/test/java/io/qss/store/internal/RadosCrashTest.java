// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.rados.testing.CephClusterExtension;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link CrashTest} against a RADOS namespace of a test cluster (one cluster for the class, one namespace per test). */
class RadosCrashTest extends CrashTest {

    @RegisterExtension
    static final CephClusterExtension CEPH = new CephClusterExtension("qss");

    private final String namespace = "engine-" + UUID.randomUUID();

    @Override
    protected String volumeSpec() {
        return TestVolumes.rados(CEPH.cluster().conf(), CEPH.cluster().pool(), namespace);
    }

    /** RADOS: two kill rounds per test: each child JVM joins the cluster anew ({@code -Dqss.crash.rounds} for more). */
    @Override
    protected int defaultRounds() {
        return 2;
    }
}
