// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.DeviceType;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sync of one device: its pending spooled paths in name order and its state log. {@link #drain} runs on one worker
 * at a time (the engine guarantees it); the other methods may be called from any thread (guarded by this).
 */
final class DeviceSync {

    /** What a drain turn ended with. */
    enum Turn { IDLE, MORE, RETRY_LATER }

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSync.class);
    private static final long SLOW_MILLIS = 2000;

    final AtomicBoolean isRunning = new AtomicBoolean();
    final AtomicBoolean isSignalled = new AtomicBoolean();

    private final Path dir;
    private final SyncStateLog log;
    private final TreeSet<String> pending = new TreeSet<>();
    private volatile RegisteredDevice device;
    private volatile Instant lastSynced;
    private volatile String lastError = "";

    DeviceSync(RegisteredDevice device, Path dir, SyncStateLog log) {
        this.device = device;
        this.dir = dir;
        this.log = log;
    }

    RegisteredDevice device() {
        return device;
    }

    synchronized void update(RegisteredDevice changed) {
        device = changed;
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
        for (Path f : entries) {
            String rel = relative(f);
            if (!rel.startsWith(".") && !rel.contains("/.") && needsSync(rel, f)) {
                pending.add(rel);
            }
        }
        return pending.size();
    }

    synchronized void enqueue(String path) {
        pending.add(path);
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    /** Ingests up to {@code maxFiles} pending files in name order. */
    Turn drain(DeviceType type, java.util.function.Supplier<StoreSink> sinks, int maxFiles) {
        for (int i = 0; i < maxFiles; i++) {
            String path;
            synchronized (this) {
                path = pending.pollFirst();
            }
            if (path == null) {
                return Turn.IDLE;
            }
            if (!ingest(type, sinks.get(), path)) {
                return Turn.RETRY_LATER;
            }
        }
        return pendingCount() > 0 ? Turn.MORE : Turn.IDLE;
    }

    private boolean ingest(DeviceType type, StoreSink sink, String path) {
        Path file = dir.resolve(path);
        RegisteredDevice d = device;
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return retryLater(path, "reading spooled file failed [serial=" + d.serial() + ", path=" + path + "]", e);
        }
        try {
            long started = System.nanoTime();
            IngestResult result;
            try {
                result = type.ingestFile(d.descriptor(), file, sink);
            } finally {
                sink.awaitDurable();
            }
            record(path, d, attrs, null);
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis > SLOW_MILLIS) {
                LOG.warn("slow sync [serial={}, path={}, millis={}]", d.serial(), path, millis);
            }
            lastSynced = Instant.now();
            if (!result.warnings().isEmpty()) {
                LOG.warn("file synced with problems [serial={}, path={}, problems={}]", d.serial(), path,
                        result.warnings());
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return retryLater(path, "sync interrupted [serial=" + d.serial() + "]", e);
        } catch (DeviceException e) {
            if (e.code() == DeviceErrorCode.SINK_FAILED || e.code() == DeviceErrorCode.IO_ERROR) {
                return retryLater(path, e.getMessage(), e);
            }
            String reason = e.getMessage();
            LOG.warn("file not synced: {} [serial={}, path={}]", reason, d.serial(), path);
            record(path, d, attrs, reason);
            lastError = reason;
            return true;
        }
    }

    private boolean retryLater(String path, String reason, Exception e) {
        synchronized (this) {
            pending.add(path);
        }
        lastError = reason + (e.getCause() != null ? ": " + e.getCause().getMessage() : "");
        LOG.error("sync paused, retrying later [serial={}, path={}]", device.serial(), path, e);
        return false;
    }

    private synchronized void record(String path, RegisteredDevice d, BasicFileAttributes a, String failure) {
        try {
            long mtime = a.lastModifiedTime().toMillis();
            if (failure == null) {
                log.synced(path, d.generation(), a.size(), mtime);
            } else {
                log.failed(path, d.generation(), a.size(), mtime, failure);
            }
        } catch (IOException e) {
            LOG.error("writing sync state failed; the file will be synced again [serial={}, path={}]", d.serial(),
                    path, e);
        }
    }

    /** Whether {@code f} is a regular file not synced at the current generation or changed since; one stat. */
    private boolean needsSync(String rel, Path f) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(f, BasicFileAttributes.class);
        } catch (IOException e) {
            return false;
        }
        if (!a.isRegularFile()) {
            return false;
        }
        SyncStateLog.Entry e = log.get(rel);
        if (e == null || e.generation() < device.generation()) {
            return true;
        }
        return e.size() != a.size() || e.mtime() != a.lastModifiedTime().toMillis();
    }

    private String relative(Path f) {
        return dir.relativize(f).toString().replace('\\', '/');
    }

    synchronized DeviceSyncStatus status() {
        RegisteredDevice d = device;
        int synced = 0;
        List<FailedFile> failures = new ArrayList<>();
        int failed = 0;
        for (Map.Entry<String, SyncStateLog.Entry> e : log.entries().entrySet()) {
            SyncStateLog.Entry v = e.getValue();
            if (v.generation() >= d.generation()) {
                synced += v.isSynced() ? 1 : 0;
                if (v.isFailed()) {
                    failed++;
                    if (failures.size() < 20) {
                        failures.add(new FailedFile(e.getKey(), v.reason()));
                    }
                }
            }
        }
        failures.sort(java.util.Comparator.comparing(FailedFile::path));
        return new DeviceSyncStatus(d.serial(), d.alias(), d.generation(), pending.size(), synced, failed, lastSynced,
                lastError, failures);
    }

    /** Counts, and when {@code isDelete} removes, the spooled files synced at the current generation. */
    synchronized CleanReport clean(boolean isDelete) throws IOException {
        int files = 0;
        long bytes = 0;
        long generation = device.generation();
        for (Map.Entry<String, SyncStateLog.Entry> e : List.copyOf(log.entries().entrySet())) {
            SyncStateLog.Entry v = e.getValue();
            Path f = dir.resolve(e.getKey());
            if (!v.isSynced() || v.generation() < generation || pending.contains(e.getKey()) || !Files.exists(f)
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
