// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import io.qss.core.log.LogThrottle;
import io.qss.receiver.SpooledFile;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreBackend;
import io.qss.store.api.spi.StoreVolume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool shared with other nodes through a store backend's volume: every file this node acknowledges is copied
 * there first, and stays until sync has ingested it; every poll copies into the local spool the files other nodes
 * acknowledged and no node has ingested yet. So when a node dies, the node that takes the store over also has the
 * files the dead one acknowledged but had not ingested (re-ingesting a file is harmless: equal times replace).
 *
 * <p>Until the volume is open (the backend is missing, or the cluster does not answer), and after a copy failed
 * until a probe write succeeds again, {@link #refusal()} says why and the receiver refuses new files; the devices
 * keep them and send them again. Opening, pulling and removing run on a thread of their own, every
 * {@code pollSeconds}. Thread-safe.
 */
final class SharedSpool implements SharedCopies, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedSpool.class);

    private final String backendName;
    private final String location;
    private final SpoolImpl local;
    private final ScheduledExecutorService worker =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "qss-receiver-shared-spool"));
    private final Set<String> removals = ConcurrentHashMap.newKeySet();
    private final AtomicLong copies = new AtomicLong();
    private final AtomicLong pulled = new AtomicLong();
    private final AtomicLong removed = new AtomicLong();
    private final LogThrottle pollFailures = LogThrottle.oncePer(Duration.ofMinutes(1));
    private volatile StoreBackend backend;
    private volatile StoreVolume volume;
    private volatile String problem;

    /**
     * @param backendName the store backend holding the shared spool, e.g. {@code rados}
     * @param location where within the backend (a namespace for {@code rados}, a directory for {@code file})
     * @param local the local spool files are pulled into
     */
    SharedSpool(String backendName, String location, SpoolImpl local) {
        this.backendName = backendName;
        this.location = location;
        this.local = local;
        this.problem = waitingForBackend();
    }

    /** Starts polling: at once, then every {@code pollSeconds}. */
    void start(long pollSeconds) {
        worker.scheduleWithFixedDelay(this::poll, 0, pollSeconds, TimeUnit.SECONDS);
    }

    /** The backend named by the configuration is there (it may come after the receiver): polls at once. */
    void backendArrived(StoreBackend arrived) {
        backend = arrived;
        submit(this::poll);
    }

    /** The backend left: new files are refused until it is back. */
    void backendLeft(StoreBackend left) {
        if (backend == left) {
            backend = null;
            StoreVolume v = volume;
            volume = null;
            problem = waitingForBackend();
            closeQuietly(v);
        }
    }

    String backendName() {
        return backendName;
    }

    @Override
    public String refusal() {
        return problem;
    }

    /**
     * Copies the file, whole and atomically ({@link StoreVolume#replace}); a failure makes {@link #refusal()} name
     * it until the next poll proves the volume writable again.
     */
    @Override
    public void put(SpooledFile file) throws IOException {
        StoreVolume v = volume;
        String why = problem;
        if (v == null || why != null) {
            throw new IOException("shared spool refuses files: " + why + " [serial=" + file.serial() + ", path="
                    + file.devicePath() + "]");
        }
        String name = SharedSpoolNames.objectName(file.serial(), file.path());
        try {
            v.replace(name, Files.readAllBytes(file.file()));
            copies.incrementAndGet();
        } catch (StoreException e) {
            problem = "copying a file to the shared spool failed: " + e.getMessage();
            throw new IOException(
                    "copying the file to the shared spool failed [serial=" + file.serial() + ", path="
                            + file.devicePath() + ", object=" + name + ", volume=" + v.describe() + "]",
                    e);
        }
    }

    @Override
    public void ingested(String serial, String spoolPath) {
        removals.add(SharedSpoolNames.objectName(serial, spoolPath));
        submit(this::removeIngested);
    }

    /** Figures for health: what is shared where, and what moved. */
    void figures(Map<String, Object> into) {
        StoreVolume v = volume;
        into.put("sharedSpool", backendName + ":" + location + (v == null ? " (not open)" : ""));
        into.put("sharedCopies", copies.get());
        into.put("sharedPulled", pulled.get());
        into.put("sharedRemoved", removed.get());
        into.put("sharedRemovalsWaiting", removals.size());
    }

    /** One poll: open the volume if needed, prove it writable after a failure, remove ingested copies, pull. */
    synchronized void poll() {
        try {
            StoreVolume v = open();
            if (v == null) {
                return;
            }
            if (problem != null) {
                v.probeWrite();
                LOG.info("shared spool takes files again [volume={}]", v.describe());
                problem = null;
            }
            removeIngested();
            int n = pull(v);
            if (n > 0) {
                LOG.info(
                        "files other nodes acknowledged copied from the shared spool [files={}, volume={}]",
                        n,
                        v.describe());
            }
            pollFailures.cleared();
        } catch (StoreException | IOException | RuntimeException e) {
            if (problem == null && !(e instanceof IOException)) {
                problem = "shared spool unreachable: " + e.getMessage();
            }
            long failed = pollFailures.occurred();
            if (failed > 0) {
                LOG.warn(
                        "shared spool poll failed; retrying [backend={}, location={}, occurrences={}]",
                        backendName,
                        location,
                        failed,
                        e);
            }
        }
    }

    private StoreVolume open() throws StoreException {
        StoreVolume v = volume;
        if (v != null) {
            return v;
        }
        StoreBackend b = backend;
        if (b == null) {
            problem = waitingForBackend();
            return null;
        }
        try {
            v = b.open(location);
        } catch (StoreException e) {
            problem = "opening the shared spool failed: " + e.getMessage();
            throw e;
        }
        volume = v;
        problem = "opened, not yet proven writable";
        LOG.info("shared spool open [backend={}, volume={}]", backendName, v.describe());
        return v;
    }

    /**
     * Copies every object whose file the local spool does not have (same path and size) into the local spool,
     * through its normal path so that sync hears of it; returns how many.
     */
    int pull(StoreVolume v) throws StoreException, IOException {
        int n = 0;
        for (String objectName : v.list("")) {
            Optional<SharedSpoolNames.SharedName> parsed = SharedSpoolNames.parse(objectName);
            if (parsed.isEmpty() || removals.contains(objectName)) {
                continue;
            }
            SharedSpoolNames.SharedName shared = parsed.get();
            if (!isSafe(shared) || isLocal(shared, v)) {
                continue;
            }
            byte[] data = v.readAll(objectName);
            if (data != null) { // null: ingested and removed since the listing
                local.storeShared(shared.serial(), shared.spoolPath(), data);
                pulled.incrementAndGet();
                n++;
            }
        }
        return n;
    }

    private boolean isLocal(SharedSpoolNames.SharedName shared, StoreVolume v) throws IOException, StoreException {
        Path file = local.deviceDirectory(shared.serial()).resolve(shared.spoolPath());
        return Files.isRegularFile(file) && Files.size(file) == v.length(shared.objectName());
    }

    private static boolean isSafe(SharedSpoolNames.SharedName shared) {
        try {
            SpoolPaths.serial(shared.serial());
            SpoolPaths.map(shared.spoolPath());
            return true;
        } catch (IllegalArgumentException e) {
            LOG.warn("shared spool object skipped: {} [object={}]", e.getMessage(), shared.objectName());
            return false;
        }
    }

    /** Removes the copies of ingested files; what fails stays listed and is tried again at the next poll. */
    private synchronized void removeIngested() {
        StoreVolume v = volume;
        if (v == null) {
            return;
        }
        for (String name : Set.copyOf(removals)) {
            try {
                v.delete(name);
                removals.remove(name);
                removed.incrementAndGet();
            } catch (StoreException e) {
                LOG.debug(
                        "removing an ingested file's shared copy failed; retried at the next poll [object={}]",
                        name,
                        e);
                return;
            }
        }
    }

    /** Waits until the worker has run what was handed to it before (for tests). */
    void awaitWorker() throws Exception {
        worker.submit(() -> {}).get(30, TimeUnit.SECONDS);
    }

    private void submit(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("shared spool closed; task dropped", e);
        }
    }

    private String waitingForBackend() {
        return "waiting for store backend '" + backendName + "' (for the shared spool; is its feature installed?)";
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(volume);
        volume = null;
    }

    private static void closeQuietly(StoreVolume v) {
        if (v != null) {
            try {
                v.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing the shared spool's volume failed", e);
            }
        }
    }
}
