// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.IngestResult;
import io.qss.registry.RegisteredDevice;
import io.qss.sync.CleanReport;
import io.qss.sync.DeviceSyncStatus;
import io.qss.sync.FailedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sync of one device: its pending spooled paths in name order (with when each arrived) and its state log.
 * {@link #drain} runs on one worker at a time (the engine guarantees it); the other methods may be called from any
 * thread (guarded by this). A repeating failure is logged once a minute with its count.
 */
final class DeviceSync {

    /** What a drain turn ended with; {@code PAUSED}: the device's type is not installed, its files wait. */
    enum Turn {
        IDLE,
        MORE,
        RETRY_LATER,
        PAUSED
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSync.class);
    /** Failed files a status names (the counts cover them all). */
    private static final int MAX_FAILURES_LISTED = 20;

    final AtomicBoolean isRunning = new AtomicBoolean();
    final AtomicBoolean isSignalled = new AtomicBoolean();

    private final Path dir;
    private final SyncStateLog log;
    private final RateWindow rates;
    private final Consumer<String> done;
    private final TreeMap<String, Long> pending = new TreeMap<>();
    private final AtomicLong points = new AtomicLong();
    private final DeviceSyncLog syncLog = new DeviceSyncLog();
    private volatile RegisteredDevice device;
    /** The device's type id, kept apart: every scheduling turn and status asks for it. */
    private volatile String typeId;

    private volatile Instant lastSynced;
    private volatile String lastError = "";
    private volatile String configMismatch;
    private boolean isRestored;

    /**
     * {@code rates} counts every synced file and its points (the engine's ingest rate); {@code done} is told the
     * path of every file sync is done with (its points durable in the store, or refused for good).
     */
    DeviceSync(RegisteredDevice device, Path dir, SyncStateLog log, RateWindow rates, Consumer<String> done) {
        this.device = device;
        this.typeId = device.descriptor().typeId();
        this.dir = dir;
        this.log = log;
        this.rates = rates;
        this.done = done;
        configMismatch = latestMismatch(log);
    }

    /** The mismatch recorded with the newest synced path (paths sort by time), so a restart keeps the note. */
    private static String latestMismatch(SyncStateLog log) {
        return log.entries().entrySet().stream()
                .filter(e -> e.getValue().isSynced())
                .max(Map.Entry.comparingByKey())
                .map(e -> e.getValue().reason())
                .orElse("");
    }

    RegisteredDevice device() {
        return device;
    }

    /**
     * Follows a registry change. When the device's configuration changed, files synced with a mismatch are queued
     * again so that what was dropped (e.g. the extended streams of a device registered base) is ingested now.
     */
    synchronized void update(RegisteredDevice changed) {
        boolean isReconfigured = !changed.descriptor().equals(device.descriptor());
        device = changed;
        typeId = changed.descriptor().typeId();
        if (isReconfigured) {
            configMismatch = "";
            long now = System.currentTimeMillis();
            log.entries().forEach((path, e) -> {
                if (e.isSynced() && !e.reason().isEmpty()) {
                    pending.putIfAbsent(path, now);
                }
            });
        }
    }

    /** Adds the figures saved before this start, once (the engine may offer them twice while a device opens). */
    synchronized void restore(SavedFigures saved) {
        if (isRestored) {
            return;
        }
        isRestored = true;
        points.addAndGet(saved.points());
        if (lastSynced == null
                || (saved.lastSynced() != null && saved.lastSynced().isAfter(lastSynced))) {
            lastSynced = saved.lastSynced();
        }
    }

    /** Walks the device's spool folder and queues every file not synced at the current generation. */
    synchronized int scan() throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(dir)) {
            entries = walk.toList();
        }
        long now = System.currentTimeMillis();
        for (Path f : entries) {
            String rel = relative(f);
            if (!rel.startsWith(".") && !rel.contains("/.")) {
                long arrived = pendingSince(rel, f, now);
                if (arrived >= 0) {
                    pending.putIfAbsent(rel, arrived);
                }
            }
        }
        return pending.size();
    }

    /** A file was spooled just now. */
    synchronized void enqueue(String path) {
        pending.putIfAbsent(path, System.currentTimeMillis());
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    /**
     * Ingests up to {@code maxFiles} pending files in name order through the type the device names; while that type
     * is not installed the files stay pending and nothing is marked.
     */
    Turn drain(DeviceTypes types, Supplier<StoreSink> sinks, int maxFiles) {
        for (int i = 0; i < maxFiles; i++) {
            Optional<DeviceTypes.Lease> lease = types.lease(typeId());
            if (lease.isEmpty()) {
                return Turn.PAUSED;
            }
            Map.Entry<String, Long> next;
            synchronized (this) {
                next = pending.pollFirstEntry();
            }
            if (next == null) {
                return Turn.IDLE;
            }
            Outcome outcome = ingest(types, lease.get(), sinks.get(), next.getKey(), next.getValue());
            if (outcome != Outcome.DONE) {
                return outcome == Outcome.TYPE_GONE ? Turn.PAUSED : Turn.RETRY_LATER;
            }
        }
        return pendingCount() > 0 ? Turn.MORE : Turn.IDLE;
    }

    /** The type id of the device, e.g. {@code upmu}: the type that ingests its files. */
    String typeId() {
        return typeId;
    }

    /** How one file's ingest ended: marked (synced or failed), left to retry later, or undone as its type left. */
    private enum Outcome {
        DONE,
        RETRY_LATER,
        TYPE_GONE
    }

    private Outcome ingest(DeviceTypes types, DeviceTypes.Lease lease, StoreSink sink, String path, long arrived) {
        Path file = dir.resolve(path);
        RegisteredDevice d = device;
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Outcome.DONE;
        } catch (IOException e) {
            return retryLater(
                    path, arrived, "reading spooled file failed [serial=" + d.serial() + ", path=" + path + "]", e);
        }
        try {
            long started = System.nanoTime();
            IngestResult result;
            try {
                result = lease.type().ingestFile(d.descriptor(), file, sink);
            } finally {
                sink.insertDurably();
            }
            if (!types.isCurrent(lease)) {
                return typeGone(path, arrived);
            }
            record(path, d, attrs, null, result.configMismatch());
            synced(d, path, result, (System.nanoTime() - started) / 1_000_000);
            done(path);
            return Outcome.DONE;
        } catch (DeviceException e) {
            if (!types.isCurrent(lease)) {
                return typeGone(path, arrived);
            }
            if (e.code() == DeviceErrorCode.SINK_FAILED || e.code() == DeviceErrorCode.IO_ERROR) {
                return retryLater(path, arrived, e.getMessage(), e);
            }
            String reason = e.getMessage();
            syncLog.notSynced(d, path, reason);
            record(path, d, attrs, reason, "");
            lastError = reason;
            done(path);
            return Outcome.DONE;
        } catch (RuntimeException | LinkageError e) {
            // A type whose bundle is being stopped or uninstalled may fail in any way; a present one has a bug, and
            // its files wait (nothing is marked failed) until a fixed bundle is installed.
            if (!types.isCurrent(lease)) {
                return typeGone(path, arrived);
            }
            String reason =
                    "device type failed [type=" + lease.typeId() + ", serial=" + d.serial() + ", path=" + path + "]";
            return retryLater(path, arrived, reason, new DeviceException(DeviceErrorCode.IO_ERROR, reason, e));
        }
    }

    /** Tells the spool sync is done with {@code path} (so a shared copy can go); its failure is not sync's. */
    private void done(String path) {
        try {
            done.accept(path);
        } catch (RuntimeException e) {
            LOG.warn("telling the spool a file was ingested failed [serial={}, path={}]", device.serial(), path, e);
        }
    }

    /**
     * The type left or was replaced while it ingested the file: what it delivered may be partial, so the file is not
     * marked and is ingested again by the type that serves next (equal times replace, so nothing is duplicated).
     */
    private Outcome typeGone(String path, long arrived) {
        synchronized (this) {
            pending.putIfAbsent(path, arrived);
        }
        LOG.info(
                "device type left during an ingest; the file will be ingested again [type={}, serial={}, path={}]",
                typeId(),
                device.serial(),
                path);
        return Outcome.TYPE_GONE;
    }

    private void synced(RegisteredDevice d, String path, IngestResult result, long millis) {
        lastSynced = Instant.now();
        points.addAndGet(result.samples());
        rates.add(1, result.samples());
        configMismatch = result.configMismatch();
        syncLog.synced(d, path, result, millis);
    }

    private Outcome retryLater(String path, long arrived, String reason, Exception e) {
        synchronized (this) {
            pending.putIfAbsent(path, arrived);
        }
        lastError = reason + (e.getCause() != null ? ": " + e.getCause().getMessage() : "");
        syncLog.paused(device, path, lastError, e);
        return Outcome.RETRY_LATER;
    }

    private synchronized void record(
            String path, RegisteredDevice d, BasicFileAttributes a, String failure, String mismatch) {
        try {
            long mtime = a.lastModifiedTime().toMillis();
            if (failure == null) {
                log.synced(path, d.generation(), a.size(), mtime, mismatch);
            } else {
                log.failed(path, d.generation(), a.size(), mtime, failure);
            }
        } catch (IOException e) {
            LOG.error(
                    "writing sync state failed; the file will be synced again [serial={}, path={}]",
                    d.serial(),
                    path,
                    e);
        }
    }

    /**
     * When {@code f} became pending, or -1 when it needs no sync; one stat. A new or changed file arrived at its
     * mtime (so files left over from before a restart count as behind); a file pending again because the generation
     * was raised became pending {@code now}.
     */
    private long pendingSince(String rel, Path f, long now) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(f, BasicFileAttributes.class);
        } catch (IOException e) {
            return -1;
        }
        if (!a.isRegularFile()) {
            return -1;
        }
        long mtime = a.lastModifiedTime().toMillis();
        SyncStateLog.Entry e = log.get(rel);
        if (e == null || e.size() != a.size() || e.mtime() != mtime) {
            return mtime;
        }
        return e.generation() < device.generation() ? now : -1;
    }

    private String relative(Path f) {
        return dir.relativize(f).toString().replace('\\', '/');
    }

    /** The device's status; {@code paused} says why its files wait (its type is absent), empty when they do not. */
    synchronized DeviceSyncStatus status(String paused) {
        RegisteredDevice d = device;
        int synced = log.syncedSince(d.generation());
        int failed = log.failedSince(d.generation());
        List<FailedFile> failures = log.failuresSince(d.generation(), MAX_FAILURES_LISTED).stream()
                .map(e -> new FailedFile(e.getKey(), e.getValue().reason()))
                .toList();
        Instant oldest = pending.values().stream()
                .min(Long::compare)
                .map(Instant::ofEpochMilli)
                .orElse(null);
        return new DeviceSyncStatus(
                d.serial(),
                d.alias(),
                d.generation(),
                pending.size(),
                synced,
                failed,
                lastSynced,
                lastError,
                failures,
                points.get(),
                oldest,
                configMismatch,
                paused);
    }

    /** Adds the device's figures to sync's totals; {@code paused} as for {@link #status}. */
    synchronized void addTo(SyncTotals totals, String paused) {
        long generation = device.generation();
        long oldest = SyncTotals.NONE_PENDING;
        for (long arrived : pending.values()) {
            oldest = Math.min(oldest, arrived);
        }
        totals.add(
                pending.size(),
                oldest,
                log.syncedSince(generation),
                log.failedSince(generation),
                configMismatch == null ? "" : configMismatch,
                paused);
    }

    /** Counts, and when {@code isDelete} removes, the spooled files synced at the current generation. */
    synchronized CleanReport clean(boolean isDelete) throws IOException {
        int files = 0;
        long bytes = 0;
        long generation = device.generation();
        for (Map.Entry<String, SyncStateLog.Entry> e : List.copyOf(log.entries().entrySet())) {
            SyncStateLog.Entry v = e.getValue();
            Path f = dir.resolve(e.getKey());
            if (!v.isSynced()
                    || v.generation() < generation
                    || pending.containsKey(e.getKey())
                    || !Files.exists(f)
                    || Files.size(f) != v.size()) {
                continue;
            }
            files++;
            bytes += v.size();
            if (isDelete) {
                Files.delete(f);
                log.deleted(e.getKey());
            }
        }
        return new CleanReport(files, bytes);
    }

    synchronized void close() {
        try {
            log.close();
        } catch (IOException e) {
            LOG.warn("closing sync state failed [serial={}]", device.serial(), e);
        }
    }
}
