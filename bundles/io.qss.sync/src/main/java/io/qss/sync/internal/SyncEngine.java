// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import io.qss.device.DeviceType;
import io.qss.receiver.Spool;
import io.qss.receiver.SpooledFile;
import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegisteredDevice;
import io.qss.registry.StreamEntry;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.sync.CleanReport;
import io.qss.sync.DeviceSyncStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sync: one {@link DeviceSync} per saved device, drained by a small worker pool, at most one worker per device,
 * a few files per turn so that no device starves the others. A spool notification wakes the device at once; a
 * periodic refresh follows registry changes (new devices, generation raised) and retries paused devices. A device's
 * files go through the device type its registration names, among those {@link #addType added} now; while that type
 * is absent they wait (status "paused: device type X not installed", nothing marked) and its arrival resumes them at
 * once. Plain Java: {@link #start}, {@link #close}.
 */
public final class SyncEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

    private final Spool spool;
    private final DeviceRegistry registry;
    private final DeviceTypes types = new DeviceTypes();
    private final TimeSeriesStore store;
    private final int filesPerTurn;
    private final Map<String, DeviceSync> devices = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService ticker;
    private final LongAdder pointsInserted = new LongAdder();
    private final RateWindow rates = new RateWindow(System::currentTimeMillis);
    private final RepeatLimiter refreshFailureLog = new RepeatLimiter(60_000, System::currentTimeMillis);
    private final long refreshMillis;
    private volatile Map<String, SavedFigures> saved;
    private long refreshes;

    public SyncEngine(
            Spool spool,
            DeviceRegistry registry,
            TimeSeriesStore store,
            int workerCount,
            int filesPerTurn,
            long refreshMillis) {
        this.spool = spool;
        this.registry = registry;
        this.store = store;
        this.filesPerTurn = filesPerTurn;
        this.refreshMillis = refreshMillis;
        AtomicInteger ids = new AtomicInteger();
        workers = Executors.newFixedThreadPool(workerCount, r -> new Thread(r, "qss-sync-" + ids.incrementAndGet()));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "qss-sync-refresh"));
    }

    /** Starts the periodic refresh; the first one (which scans the spool) runs at once on the ticker thread. */
    public void start() {
        ticker.scheduleWithFixedDelay(this::refresh, 0, refreshMillis, TimeUnit.MILLISECONDS);
    }

    /** A device type's service arrived: it serves {@code typeId} from now on, and that type's waiting devices resume. */
    public void addType(String typeId, DeviceType type) {
        types.add(typeId, type);
        List<DeviceSync> resumed = devices.values().stream()
                .filter(ds -> ds.typeId().equals(typeId))
                .toList();
        LOG.info("device type available; its devices sync [type={}, devices={}]", typeId, resumed.size());
        for (DeviceSync ds : resumed) {
            if (ds.pendingCount() > 0) {
                schedule(ds);
            }
        }
    }

    /**
     * A device type's service left. When no other serves {@code typeId}, its devices pause: their files wait, and a
     * file being ingested meanwhile is not marked synced (it is ingested again once the type is back).
     */
    public void removeType(String typeId, DeviceType type) {
        if (types.remove(typeId, type) && !ticker.isShutdown()) {
            long paused = devices.values().stream()
                    .filter(ds -> ds.typeId().equals(typeId))
                    .count();
            LOG.warn(
                    "device type gone; its devices' files wait until it is installed again [type={}, devices={}]",
                    typeId,
                    paused);
        }
    }

    /** A file was spooled: queue it and wake its device, if registered. */
    public void spooled(SpooledFile file) {
        DeviceSync ds = devices.get(file.serial());
        if (ds != null) {
            ds.enqueue(file.path());
            schedule(ds);
        }
    }

    /** Follows the registry and rescans changed devices; retries devices with pending files. Runs on the ticker. */
    synchronized void refresh() {
        try {
            // Every 10 minutes a full rescan, in case a notification was ever missed: cheap insurance.
            boolean isRescan = ++refreshes % Math.max(1, 600_000 / refreshMillis) == 0;
            Set<String> seen = new HashSet<>();
            for (RegisteredDevice d : registry.devices()) {
                seen.add(d.serial());
                DeviceSync ds = devices.get(d.serial());
                if (ds == null) {
                    ds = open(d);
                    restoreInto(ds);
                } else if (!ds.device().equals(d)) {
                    ensureStreams(d);
                    ds.update(d);
                    ds.scan();
                } else if (isRescan) {
                    ds.scan();
                }
                if (ds.pendingCount() > 0) {
                    schedule(ds);
                }
            }
            for (String serial : List.copyOf(devices.keySet())) {
                if (!seen.contains(serial)) {
                    forget(devices.remove(serial));
                }
            }
            refreshFailureLog.cleared(n -> LOG.info("sync refresh works again [failedAttempts={}]", n));
        } catch (IOException | RuntimeException e) {
            refreshFailureLog.occurred(
                    e.toString(),
                    heldBack -> LOG.error("sync refresh failed; retrying [heldBackSinceLastLogged={}]", heldBack, e));
        }
    }

    private DeviceSync open(RegisteredDevice d) throws IOException {
        Path state = spool.stateDirectory("sync").resolve(d.serial() + ".log");
        DeviceSync ds = new DeviceSync(
                d,
                spool.deviceDirectory(d.serial()),
                SyncStateLog.open(state),
                rates,
                path -> spool.ingested(d.serial(), path));
        ensureStreams(d);
        // Followed before the scan: a file spooled from now on is queued by spooled() if the scan misses it. Put
        // after the scan, a file landing in between would be seen by neither until the ten-minute rescan.
        devices.put(d.serial(), ds);
        int pending;
        try {
            pending = ds.scan();
        } catch (IOException | RuntimeException e) {
            devices.remove(d.serial());
            ds.close();
            throw e;
        }
        LOG.info(
                "sync following device [serial={}, alias={}, generation={}, pending={}]",
                d.serial(),
                d.alias(),
                d.generation(),
                pending);
        return ds;
    }

    /**
     * Hands each device the figures saved before this start (points, last synced time). Either this or the refresh
     * that opens a device sees the other's write, and a device takes its figures only once, so none is missed.
     */
    void restore(Map<String, SavedFigures> figures) {
        saved = Map.copyOf(figures);
        devices.values().forEach(this::restoreInto);
    }

    private void restoreInto(DeviceSync ds) {
        Map<String, SavedFigures> figures = saved;
        if (figures != null) {
            ds.restore(figures.getOrDefault(ds.device().serial(), new SavedFigures(0, null)));
        }
    }

    /** A device left the registry: its figures stay, in case it is added again while qss runs. */
    private void forget(DeviceSync ds) {
        Map<String, SavedFigures> figures = saved;
        if (figures != null) {
            DeviceSyncStatus last = ds.status("");
            Map<String, SavedFigures> kept = new HashMap<>(figures);
            kept.put(last.serial(), new SavedFigures(last.points(), last.lastSynced()));
            saved = Map.copyOf(kept);
        }
        ds.close();
    }

    /** Creates streams missing from the store (e.g. after the store was replaced); the registry normally did. */
    private void ensureStreams(RegisteredDevice d) {
        for (StreamEntry s : registry.streams(d)) {
            if (s.uuid() == null || store.stream(s.uuid()).isPresent()) {
                continue;
            }
            try {
                store.create(
                        s.uuid(),
                        d.collection(),
                        Map.of("name", s.name(), "unit", s.unit()),
                        Map.of("serial", d.serial(), "ip", d.ip(), "alias", d.alias()));
            } catch (StoreException ex) {
                LOG.error("creating stream failed [path={}, uuid={}]", s.path(), s.uuid(), ex);
            }
        }
    }

    void schedule(DeviceSync ds) {
        ds.isSignalled.set(true);
        if (ds.isRunning.compareAndSet(false, true)) {
            try {
                workers.execute(() -> run(ds));
            } catch (RejectedExecutionException e) {
                // sync is closing: the device's files stay spooled and are found again at the next start
                ds.isRunning.set(false);
            }
        }
    }

    private void run(DeviceSync ds) {
        boolean isMore = false;
        try {
            if (ds.isSignalled.getAndSet(false)) {
                RegisteredDevice d = ds.device();
                DeviceSync.Turn turn = ds.drain(
                        types, () -> new StoreSink(store, d.streamUuids(), d.serial(), pointsInserted), filesPerTurn);
                isMore = turn == DeviceSync.Turn.MORE;
            }
        } catch (RuntimeException e) {
            LOG.error("sync turn failed [serial={}]", ds.device().serial(), e);
        } finally {
            ds.isRunning.set(false);
        }
        if (isMore || ds.isSignalled.get()) {
            schedule(ds);
        }
    }

    List<DeviceSyncStatus> status() {
        return devices.values().stream()
                .map(ds -> ds.status(types.pausedReason(ds.typeId())))
                .sorted(Comparator.comparing(DeviceSyncStatus::alias))
                .toList();
    }

    /** Adds every device's figures to {@code totals}, without building their statuses. */
    void addTo(SyncTotals totals) {
        Map<String, String> pausedByType = new HashMap<>();
        for (DeviceSync ds : devices.values()) {
            ds.addTo(totals, pausedByType.computeIfAbsent(ds.typeId(), types::pausedReason));
        }
    }

    /** Rescans a device at once (after its generation was raised). */
    void rescan(String serial) throws IOException {
        refresh();
        DeviceSync ds = devices.get(serial);
        if (ds != null) {
            ds.scan();
            schedule(ds);
        }
    }

    CleanReport clean(boolean isDelete) throws IOException {
        int files = 0;
        long bytes = 0;
        for (DeviceSync ds : devices.values()) {
            CleanReport r = ds.clean(isDelete);
            files += r.files();
            bytes += r.bytes();
        }
        return new CleanReport(files, bytes);
    }

    /** Files and points synced over the last minute. */
    RateWindow.Rate rate() {
        return rates.rate();
    }

    /** Points written to the store since the engine started (re-ingested files count again). */
    long pointsInserted() {
        return pointsInserted.sum();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        devices.values().forEach(DeviceSync::close);
    }
}
