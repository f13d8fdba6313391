// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.core.log.LogThrottle;
import io.qss.device.DeviceException;
import io.qss.device.DeviceType;
import io.qss.device.Endpoint;
import io.qss.devicemanager.DeviceMonitor;
import io.qss.devicemanager.LiveDeviceState;
import io.qss.devicemanager.internal.transport.NetLoop;
import io.qss.registry.Device;
import io.qss.registry.DeviceCatalog;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device manager's engine: keeps a link and a session for every saved device whose type has a live endpoint,
 * pauses the devices whose type is not installed, swaps sessions when a type's service changes. The saved devices are
 * read from the catalog at start and after each save; types come and go through {@link #addType} and
 * {@link #removeType}. Plain Java. Thread-safe: state changes under this object's lock, which is never held during
 * I/O or while waiting for a session.
 */
public final class DeviceManager implements DeviceMonitor, AutoCloseable {

    /** Devices of this type are uPMUs, whose files sync ingests and reports; the manager leaves them alone. */
    static final String FILE_SYNCED_TYPE = "upmu";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceManager.class);
    private static final long RELOAD_RETRY_MILLIS = 5000;
    private static final long SESSION_CLOSE_WAIT_MILLIS = 10_000;

    private final DeviceCatalog catalog;
    private final LiveEnvironment env;
    private final Runnable catalogListener = this::reloadSoon;
    /** Services per type id, newest last; the newest serves (an older one takes over again if it goes). */
    private final Map<String, List<DeviceType>> types = new HashMap<>();

    private final Map<String, LiveDevice> devices = new TreeMap<>();
    private final LogThrottle reloadFailureLog = LogThrottle.oncePer(Duration.ofMinutes(1));
    private List<Device> saved = List.of();
    private volatile boolean isClosed;
    private volatile boolean isLoaded;
    private final AtomicBoolean isReloadQueued = new AtomicBoolean();

    /** Opens the network loop and the thread pools; {@link #start()} reads the catalog and begins. */
    public DeviceManager(DeviceCatalog catalog, PointWriter writer, ManagerSettings settings) throws IOException {
        this.catalog = catalog;
        AtomicInteger workerCount = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(
                settings.workers(), r -> daemon(r, "qss-devices-worker-" + workerCount.incrementAndGet()));
        NetLoop loop = new NetLoop("qss-devices-io", settings.readIntervalMillis());
        RoundBatchingExecutor sessions = new RoundBatchingExecutor(workers, loop, settings.workers());
        loop.onRoundEnd(sessions::endRound);
        env = new LiveEnvironment(
                workers,
                sessions,
                Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "qss-devices-control")),
                catalog,
                new SinkFlusher(writer, settings.insertThreads(), settings.flushMillis()),
                loop,
                settings);
    }

    /** Reads the saved devices (retrying while the catalog fails) and starts the tick and the flushes. */
    public void start() {
        catalog.addListener(catalogListener);
        env.flusher().start();
        reloadSoon();
        env.control().scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** A device type service arrived (or replaced one with the same id): its devices run a session of it. */
    public void addType(DeviceType type) {
        synchronized (this) {
            if (isClosed) {
                return;
            }
            types.computeIfAbsent(type.typeId(), id -> new ArrayList<>()).add(type);
            reconcile();
        }
    }

    /**
     * A device type service goes away (its bundle stops): its devices' sessions close before this returns (up to
     * 10 s), their links stay open and buffer what arrives until the type is back.
     */
    public void removeType(DeviceType type) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        synchronized (this) {
            List<DeviceType> services = types.getOrDefault(type.typeId(), new ArrayList<>());
            if (!services.remove(type)) {
                return;
            }
            if (!services.isEmpty()) {
                // another service of the same type is still there: it takes the sessions over
                reconcile();
                return;
            }
            types.remove(type.typeId());
            for (LiveDevice device : devices.values()) {
                if (device.device().type().equals(type.typeId())) {
                    closing.add(device.pause(type.typeId()));
                }
            }
        }
        await(closing, "closing the sessions of a departing device type [type=" + type.typeId() + "]");
    }

    @Override
    public List<LiveDeviceState> states() {
        List<LiveDevice> snapshot;
        synchronized (this) {
            snapshot = List.copyOf(devices.values());
        }
        return snapshot.stream().map(LiveDevice::state).toList();
    }

    @Override
    public Optional<LiveDeviceState> state(String alias) {
        LiveDevice device;
        synchronized (this) {
            device = devices.get(alias);
        }
        return Optional.ofNullable(device).map(LiveDevice::state);
    }

    /** True once the saved devices were read (the catalog answered) at least once. */
    public boolean isLoaded() {
        return isLoaded;
    }

    /** How long the last insert cycle took, in milliseconds; a frame waits up to flushMillis plus this. */
    public long lastFlushCycleMillis() {
        return env.flusher().lastCycleMillis();
    }

    /** The longest insert cycle since start, in milliseconds. */
    public long longestFlushCycleMillis() {
        return env.flusher().longestCycleMillis();
    }

    /** Points inserted into the store since start. */
    public long pointsInserted() {
        return env.flusher().pointsInserted();
    }

    /** Closes every session and link, inserts the waiting samples, stops every thread it started. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        synchronized (this) {
            if (isClosed) {
                return;
            }
            isClosed = true;
            devices.values().forEach(device -> closing.add(device.shutdown()));
            devices.clear();
        }
        catalog.removeListener(catalogListener);
        await(closing, "closing the live devices");
        env.control().shutdownNow();
        env.flusher().close();
        env.workers().shutdown();
        env.loop().close();
        try {
            env.workers().awaitTermination(5, TimeUnit.SECONDS);
            env.control().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues one reload; saves in quick succession share it (it reads the catalog after the last of them). */
    private void reloadSoon() {
        if (!isReloadQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            env.control().execute(this::reload);
        } catch (RejectedExecutionException e) {
            // closing: nothing to reload
        }
    }

    private void reload() {
        isReloadQueued.set(false);
        List<Device> fresh;
        try {
            fresh = catalog.devices();
            reloadFailureLog.cleared();
        } catch (RuntimeException e) {
            if (isClosed) {
                // stopping interrupted the read: nothing to report or retry
                return;
            }
            long occurrences = reloadFailureLog.occurred();
            if (occurrences > 0) {
                LOG.warn("reading the saved devices failed; retrying [occurrences={}]", occurrences, e);
            }
            try {
                env.control().schedule(this::reload, RELOAD_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // closing meanwhile
            }
            return;
        }
        synchronized (this) {
            if (isClosed) {
                return;
            }
            saved = List.copyOf(fresh);
            reconcile();
            isLoaded = true;
        }
    }

    /** Brings the live devices in line with the saved devices and the installed types; under the lock. */
    private void reconcile() {
        Set<String> wanted = new HashSet<>();
        for (Device device : saved) {
            if (device.type().equals(FILE_SYNCED_TYPE)) {
                continue;
            }
            wanted.add(device.alias());
            LiveDevice live = devices.get(device.alias());
            if (live != null && !live.isSameConfig(device)) {
                live.shutdown();
                live = null;
            }
            if (live == null) {
                live = new LiveDevice(device, env);
                devices.put(device.alias(), live);
            } else {
                live.refresh(device);
            }
            if (!bring(live, device)) {
                wanted.remove(device.alias());
            }
        }
        devices.entrySet().removeIf(entry -> {
            if (!wanted.contains(entry.getKey())) {
                entry.getValue().shutdown();
                return true;
            }
            return false;
        });
    }

    /** Runs or pauses one device as its type allows; false when the type has no live endpoint for it. */
    private boolean bring(LiveDevice live, Device device) {
        List<DeviceType> services = types.get(device.type());
        DeviceType type = services == null || services.isEmpty() ? null : services.get(services.size() - 1);
        if (type == null) {
            live.pause(device.type());
            return true;
        }
        if (!live.hasLink()) {
            try {
                Optional<Endpoint> endpoint = type.endpoint(device.descriptor());
                if (endpoint.isEmpty()) {
                    return false;
                }
                live.attach(endpoint.get());
            } catch (DeviceException | RuntimeException e) {
                live.endpointFailed("no endpoint for the device's properties [cause=" + e.getMessage() + "]");
                return true;
            }
        }
        live.run(type);
        return true;
    }

    private void tick() {
        List<LiveDevice> snapshot;
        synchronized (this) {
            snapshot = List.copyOf(devices.values());
        }
        long nowMillis = System.currentTimeMillis();
        long nowNanos = System.nanoTime();
        snapshot.forEach(device -> device.tick(nowMillis, nowNanos));
    }

    private static void await(List<CompletableFuture<Void>> closing, String what) {
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(SESSION_CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("{} did not finish in time; going on [devices={}]", what, closing.size(), e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
