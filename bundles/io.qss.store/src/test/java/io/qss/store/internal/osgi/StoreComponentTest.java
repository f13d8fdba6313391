// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.spi.StoreBackend;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

class StoreComponentTest {

    @Test
    void givenConfiguration_whenMapped_thenOptionsFollowIt() {
        StoreConfig config = config("file", "");
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

    @Test
    void givenConfiguredBackendNotInstalled_whenActivated_thenHealthSaysSoAndNothingOpens() throws Exception {
        StoreComponent component = new StoreComponent(config("rados", ""), null, null);
        HealthReport report = component.health();
        assertEquals(HealthState.DOWN, report.state());
        assertTrue(report.detail().contains("store backend rados not installed"), report.detail());
        component.deactivate();
    }

    @Test
    void givenTargetSelectingAnotherBackend_whenActivated_thenHealthNamesBoth() throws Exception {
        StoreBackend file = new StoreBackend() {
            @Override
            public String name() {
                return "file";
            }

            @Override
            public StoreVolume open(String location) {
                throw new AssertionError("a backend other than the configured one must not be opened");
            }
        };
        StoreComponent component = new StoreComponent(config("rados", ""), null, file);
        String detail = component.health().detail();
        assertTrue(detail.contains("store backend rados not installed") && detail.contains("selects file"), detail);
        component.deactivate();
    }

    @Test
    void givenFileBackend_whenActivated_thenStoreOpensAtTheLocationAndIsRegistered(@TempDir Path dir) throws Exception {
        StoreBackend file = new StoreBackend() {
            @Override
            public String name() {
                return "file";
            }

            @Override
            public StoreVolume open(String location) throws StoreException {
                return FileVolumes.open(Path.of(location));
            }
        };
        List<Object> registered = new ArrayList<>();
        BundleContext context = (BundleContext) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("registerService")) {
                        registered.add(args[1]);
                        return Proxy.newProxyInstance(
                                getClass().getClassLoader(),
                                new Class<?>[] {ServiceRegistration.class},
                                (p, m, a) -> null);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        StoreComponent component = new StoreComponent(config("file", dir.toString()), context, file);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (component.health().state() == HealthState.STARTING && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        HealthReport report = component.health();
        assertEquals(HealthState.UP, report.state(), report.detail());
        assertTrue(report.detail().contains("dir=" + dir.toAbsolutePath()), report.detail());
        assertEquals(1, registered.size());
        assertTrue(registered.get(0) instanceof TimeSeriesStore);
        component.deactivate();
        assertTrue(Files.exists(dir.resolve("FORMAT")), "the store was created at the configured location");
    }

    /** The configuration of the mapping test, on the named backend and location. */
    private static StoreConfig config(String backend, String location) {
        return new StoreConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StoreConfig.class;
            }

            @Override
            public String backend() {
                return backend;
            }

            @Override
            public String backend_target() {
                return "(backend=file)";
            }

            @Override
            public String location() {
                return location;
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
    }
}
