// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.osgi;

import io.qss.core.DataDirectory;
import io.qss.core.health.ComponentHealth;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.store.api.CompactionResult;
import io.qss.store.api.SpaceUsage;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.spi.StoreBackend;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.internal.CompactionSchedule;
import io.qss.store.internal.FailoverStore;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the store on the configured backend ({@code backend}, a {@link StoreBackend} service with that name; by
 * default {@code file} in {@code <qss.data>/store}) and publishes it as {@link TimeSeriesStore}; reports its health
 * as component {@code "store"}. The backend reference's target follows the {@code backend} option through
 * {@code backend.target} in {@code etc/io.qss.store.cfg}; while no such backend is installed the store is
 * unavailable and the health says so, and once one arrives the component restarts with it (greedy reference). Opening replays the logs, which may take a moment, so it runs on the component's own
 * thread: activation returns at once (health says {@code STARTING}), and the store service is registered once the
 * store is open. Registering from the activating thread would also let consumers that react to the new service ask
 * for this component's own service while it is still being activated, which SCR refuses as a circular reference.
 */
@Component(
        service = ComponentHealth.class,
        configurationPid = "io.qss.store",
        immediate = true,
        property = {"qss.data.owner:Boolean=true", "qss.data.stage:Integer=3", "qss.data.area=store"
        }) // restore pauses it
@Designate(ocd = StoreConfig.class)
public final class StoreComponent implements ComponentHealth {

    private static final Logger LOG = LoggerFactory.getLogger(StoreComponent.class);

    private final ExecutorService opener = Executors.newSingleThreadExecutor(r -> new Thread(r, "qss-store-open"));
    private volatile TimeSeriesStoreImpl store;
    /** With {@code standby = true}: the store as a standby or after its takeover (then {@code store} is unused). */
    private volatile FailoverStore failover;

    private volatile ServiceRegistration<TimeSeriesStore> registration;
    private volatile String failure;
    /** The backend the store is (to be) opened on, named in the health so that an operator sees where data goes. */
    private final String backendName;
    /** The daily compaction; null with {@code compaction.hour = -1}, an hour outside the day, or without a backend. */
    private volatile CompactionSchedule compaction;
    /** What the health shows while no compaction is scheduled. */
    private volatile String noCompaction = "on request only";

    @Activate
    public StoreComponent(
            StoreConfig config,
            BundleContext context,
            @Reference(
                            name = "backend",
                            target = "(" + StoreBackend.PROPERTY + "=file)",
                            cardinality = ReferenceCardinality.OPTIONAL,
                            policyOption = ReferencePolicyOption.GREEDY)
                    StoreBackend backend) {
        StoreOptions options = toOptions(config);
        backendName = config.backend();
        if (backend == null || !backend.name().equals(config.backend())) {
            failure = "store backend " + config.backend() + " not installed"
                    + (backend == null ? "" : " (backend.target selects " + backend.name() + ")");
            LOG.warn("{}; the store opens once it is", failure);
            return;
        }
        String location = location(config);
        compaction = scheduleCompaction(config.compaction_hour());
        opener.execute(() -> {
            if (config.standby()) {
                openFailover(backend, location, options, config, context);
            } else {
                open(backend, location, options, context);
            }
        });
    }

    /** The daily compaction at {@code hour}; none when negative, or (said in the log and the health) past 23. */
    private CompactionSchedule scheduleCompaction(int hour) {
        if (hour < 0) {
            return null;
        }
        if (hour > 23) {
            noCompaction = "not scheduled: compaction.hour=" + hour + " is not an hour of the day (0-23, -1 = only on "
                    + "request)";
            LOG.error("store compaction {}; the store opens without it", noCompaction);
            return null;
        }
        return CompactionSchedule.start(hour, Clock.systemDefaultZone(), this::compact);
    }

    /** Compacts the store when this process writes it; nothing while standby or not open. */
    private Optional<CompactionResult> compact() throws StoreException {
        FailoverStore failover = this.failover;
        if (failover != null) {
            return failover.isStandby() ? Optional.empty() : Optional.of(failover.compact());
        }
        TimeSeriesStoreImpl store = this.store;
        return store == null || registration == null ? Optional.empty() : Optional.of(store.compact());
    }

    /** The configured location, or the data directory's store folder when none is set. */
    static String location(StoreConfig config) {
        String location = config.location().trim();
        return location.isEmpty() ? DataDirectory.fromSystemProperties().store().toString() : location;
    }

    private void open(StoreBackend backend, String location, StoreOptions options, BundleContext context) {
        try {
            StoreVolume volume = backend.open(location);
            store = TimeSeriesStoreImpl.open(volume, options);
            registration = context.registerService(TimeSeriesStore.class, store, null);
            LOG.debug("store open [{}, streams={}]", store.describe(), store.streamCount());
        } catch (StoreException | RuntimeException e) {
            failure = e.getMessage();
            LOG.error("store could not be opened [backend={}, location={}]", backend.name(), location, e);
        }
    }

    private void openFailover(
            StoreBackend backend, String location, StoreOptions options, StoreConfig config, BundleContext context) {
        try {
            FailoverStore opened = FailoverStore.open(
                    () -> backend.open(location),
                    options,
                    TimeUnit.SECONDS.toMillis(Math.max(1, config.standby_refresh_seconds())),
                    TimeUnit.SECONDS.toMillis(Math.max(1, config.standby_poll_seconds())));
            failover = opened;
            registration = context.registerService(TimeSeriesStore.class, opened, null);
            LOG.debug("store open [{}, standby={}]", opened.current().describe(), opened.isStandby());
        } catch (StoreException | RuntimeException e) {
            failure = e.getMessage();
            LOG.error("store could not be opened [backend={}, location={}]", backend.name(), location, e);
        }
    }

    static StoreOptions toOptions(StoreConfig config) {
        StoreOptions d = StoreOptions.defaults();
        StoreOptions.WalSyncPolicy sync = config.wal_sync();
        return new StoreOptions(
                config.commit_max_points(),
                config.commit_max_age_ms(),
                sync,
                config.wal_sync_interval_ms(),
                config.cache_size_mb() << 20,
                Math.max(50_000, config.max_insert_points()),
                d.leafCapacity(),
                d.walSegmentBytes(),
                d.blockSegmentBytes(),
                config.disk_full_percent() / 100.0,
                Math.max(0, config.buffer_max_mb()) << 20,
                Math.max(0, config.buffer_wait_ms()),
                d.metaCheckpointBytes(),
                Math.max(0, config.retention_versions()),
                Math.max(0, config.retention_days()));
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (compaction != null) {
            compaction.close();
        }
        opener.shutdown();
        opener.awaitTermination(5, TimeUnit.MINUTES);
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                LOG.debug("store service already unregistered");
            }
        }
        if (store != null) {
            try {
                store.close();
            } catch (StoreException e) {
                LOG.error("closing store failed [{}]", store.describe(), e);
            }
        }
        if (failover != null) {
            try {
                failover.close();
            } catch (StoreException e) {
                LOG.error("closing store failed [{}]", failover.current().describe(), e);
            }
        }
    }

    @Override
    public String componentName() {
        return "store";
    }

    @Override
    public HealthReport health() {
        FailoverStore failover = this.failover;
        TimeSeriesStoreImpl store = failover != null ? failover.current() : this.store;
        if (store == null || registration == null) {
            return failure == null
                    ? HealthReport.of(HealthState.STARTING, "opening and replaying the logs")
                    : HealthReport.of(HealthState.DOWN, "could not open: " + failure);
        }
        SpaceUsage usage = store.volumeUsage();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("backend", backendName);
        figures.put("volume", store.describe());
        figures.put("streams", store.streamCount());
        figures.put("bytesUsed", usage.totalBytes());
        figures.put("volumeFreeBytes", usage.volumeFreeBytes());
        double usedPercent = Math.round(usage.volumeUsedFraction() * 1000) / 10.0;
        figures.put("volumeUsedPercent", usedPercent);
        TimeSeriesStoreImpl.BufferUsage buffers = store.bufferUsage();
        figures.put("bufferedMB", buffers.bufferedBytes() >> 20);
        figures.put("bufferLimitMB", buffers.limitBytes() >> 20);
        figures.put("bufferPeakMB", buffers.peakBytes() >> 20);
        figures.put("insertsWaiting", buffers.waitingInserts());
        CompactionSchedule compaction = this.compaction;
        figures.put("compaction", compaction == null ? noCompaction : compaction.describe());
        if (failover != null && failover.isStandby()) {
            // a standby is healthy: it serves reads and is ready to take over, which is its whole job
            return new HealthReport(
                    HealthState.UP,
                    "standby: writer lease held by " + failover.leaseHolder() + ", read-only, data as of "
                            + failover.dataAsOf(),
                    figures);
        }
        String takeover =
                failover == null || failover.takeover().isEmpty() ? "" : ", active (" + failover.takeover() + ")";
        String failure = store.describeWriteFailure(backendName);
        boolean isFull = store.isVolumeFull();
        boolean isThrottling = buffers.waitingInserts() > 0;
        HealthState state = isFull || !failure.isEmpty() || isThrottling ? HealthState.DEGRADED : HealthState.UP;
        String detail = isFull
                ? "data volume full (" + usedPercent + " % used, limit "
                        + store.options().diskFullFraction() * 100 + " %), inserts refused"
                : !failure.isEmpty()
                        ? failure
                        : isThrottling
                                ? "commits behind: buffers at their budget (" + (buffers.bufferedBytes() >> 20)
                                        + " of " + (buffers.limitBytes() >> 20) + " MB), " + buffers.waitingInserts()
                                        + " inserts wait for room"
                                : "open at " + store.describe() + takeover;
        return new HealthReport(state, detail, figures);
    }
}
