// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.store.internal.StoreOptions;
import java.lang.annotation.Annotation;
import org.junit.jupiter.api.Test;

class StoreComponentTest {

    @Test
    void givenConfiguration_whenMapped_thenOptionsFollowIt() {
        StoreConfig config = new StoreConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StoreConfig.class;
            }

            @Override
            public String backend() {
                return "file";
            }

            @Override
            public String backend_target() {
                return "(backend=file)";
            }

            @Override
            public String location() {
                return "";
            }

            @Override
            public int commit_max_points() {
                return 1000;
            }

            @Override
            public long commit_max_age_ms() {
                return 5;
            }

            @Override
            public StoreOptions.WalSyncPolicy wal_sync() {
                return StoreOptions.WalSyncPolicy.PERIODIC;
            }

            @Override
            public long wal_sync_interval_ms() {
                return 7;
            }

            @Override
            public long cache_size_mb() {
                return 3;
            }

            @Override
            public int max_insert_points() {
                return 10;
            }

            @Override
            public double disk_full_percent() {
                return 90;
            }

            @Override
            public long buffer_max_mb() {
                return 12;
            }

            @Override
            public long buffer_wait_ms() {
                return 900;
            }

            @Override
            public int retention_versions() {
                return 12;
            }
        };
        StoreOptions o = StoreComponent.toOptions(config);
        assertEquals(1000, o.commitMaxPoints());
        assertEquals(5, o.commitMaxAgeMillis());
        assertEquals(StoreOptions.WalSyncPolicy.PERIODIC, o.walSync());
        assertEquals(7, o.walSyncIntervalMillis());
        assertEquals(3L << 20, o.cacheBytes());
        assertEquals(50_000, o.maxInsertPoints(), "never below what BTrDB clients send");
        assertEquals(0.9, o.diskFullFraction(), 1e-12);
        assertEquals(12, o.retentionVersions());
        assertEquals(12L << 20, o.bufferBytes());
        assertEquals(12L << 20, o.effectiveBufferBytes());
        assertEquals(900, o.bufferWaitMillis());
    }

    @Test
    void givenNoBufferBudget_whenResolved_thenShareOfTheHeap() {
        StoreOptions o = StoreOptions.defaults();
        assertEquals(0, o.bufferBytes());
        assertEquals(
                (long) (Runtime.getRuntime().maxMemory() * StoreOptions.DEFAULT_BUFFER_HEAP_FRACTION),
                o.effectiveBufferBytes());
    }
}
