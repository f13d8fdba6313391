// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.spi.StoreBackend;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
        assertEquals(0.995, o.diskFullFraction(), 1e-12);
        assertEquals(12, o.retentionVersions());
        assertEquals(30, o.retentionDays());
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
        StoreBackend file = TestBackends.file();
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
        assertEquals("daily at 04:00, last: none yet", report.figures().get("compaction"));
        assertEquals(1, registered.size());
        assertTrue(registered.get(0) instanceof TimeSeriesStore);
        component.deactivate();
        assertTrue(Files.exists(dir.resolve("FORMAT")), "the store was created at the configured location");
    }

    @Test
    void givenCompactionHourOutsideTheDay_whenActivated_thenStoreOpensAndHealthSaysNoCompaction(@TempDir Path dir)
            throws Exception {
        BundleContext context = (BundleContext) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> Proxy.newProxyInstance(
                        getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> null));
        StoreComponent component =
                new StoreComponent(config("file", dir.toString(), false, 25), context, TestBackends.file());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (component.health().state() == HealthState.STARTING && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        HealthReport report = component.health();
        assertEquals(HealthState.UP, report.state(), report.detail());
        assertEquals(
                "not scheduled: compaction.hour=25 is not an hour of the day (0-23, -1 = only on request)",
                report.figures().get("compaction"));
        component.deactivate();
    }

    @Test
    void givenLeaseHeldElsewhereAndStandby_whenActivated_thenStandbyRegisteredAndTakesOverOnceFree(@TempDir Path dir)
            throws Exception {
        TimeSeriesStoreImpl writer = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults());
        List<Object> registered = new ArrayList<>();
        StoreComponent component =
                new StoreComponent(config("file", dir.toString(), true), context(registered), TestBackends.file());
        try {
            HealthReport report = awaitHealth(component, r -> r.state() != HealthState.STARTING);
            assertEquals(HealthState.UP, report.state(), report.detail());
            assertTrue(report.detail().startsWith("standby: writer lease held by "), report.detail());
            assertTrue(report.detail().contains(", read-only, data as of "), report.detail());
            assertEquals(1, registered.size());
            TimeSeriesStore service = (TimeSeriesStore) registered.get(0);
            StoreException refused = assertThrows(
                    StoreException.class, () -> service.create(UUID.randomUUID(), "c", Map.of(), Map.of()));
            assertEquals(ErrorCode.UNAVAILABLE, refused.code());
            writer.close();
            report = awaitHealth(component, r -> r.detail().contains("active (took over from "));
            assertEquals(HealthState.UP, report.state(), report.detail());
            service.create(UUID.randomUUID(), "c", Map.of(), Map.of());
            assertEquals(1, registered.size(), "consumers keep the one service object");
        } finally {
            writer.close();
            component.deactivate();
        }
    }

    @Test
    void givenLeaseHeldElsewhereWithoutStandby_whenActivated_thenOpenFailsNamingTheHolder(@TempDir Path dir)
            throws Exception {
        try (TimeSeriesStoreImpl writer = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults())) {
            List<Object> registered = new ArrayList<>();
            StoreComponent component =
                    new StoreComponent(config("file", dir.toString()), context(registered), TestBackends.file());
            HealthReport report = awaitHealth(component, r -> r.state() != HealthState.STARTING);
            assertEquals(HealthState.DOWN, report.state(), report.detail());
            assertTrue(report.detail().contains("holder="), report.detail());
            assertTrue(registered.isEmpty());
            component.deactivate();
        }
    }

    private static HealthReport awaitHealth(StoreComponent component, Predicate<HealthReport> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        HealthReport report = component.health();
        while (!done.test(report) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            report = component.health();
        }
        return report;
    }

    /** A bundle context that records the services registered with it. */
    private BundleContext context(List<Object> registered) {
        return (BundleContext) Proxy.newProxyInstance(
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
    }

    private static StoreConfig config(String backend, String location) {
        return config(backend, location, false);
    }

    /** The configuration of the mapping test, on the named backend and location. */
    private static StoreConfig config(String backend, String location, boolean standby) {
        return config(backend, location, standby, 4);
    }

    /** As above, compacting daily at {@code compactionHour}. */
    private static StoreConfig config(String backend, String location, boolean standby, int compactionHour) {
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
                // near 100: the tests that expect UP must not depend on how full the machine's disk is
                return 99.5;
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

            @Override
            public int retention_days() {
                return 30;
            }

            @Override
            public int compaction_hour() {
                return compactionHour;
            }

            @Override
            public boolean standby() {
                return standby;
            }

            @Override
            public int standby_refresh_seconds() {
                return 1;
            }

            @Override
            public int standby_poll_seconds() {
                return 1;
            }
        };
    }
}
