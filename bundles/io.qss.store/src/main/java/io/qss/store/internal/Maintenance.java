// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.StoreException;
import io.qss.store.internal.io.WriteAheadLog;
import java.lang.System.Logger.Level;
import java.nio.file.FileStore;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Background work on one daemon thread: commits buffers older than the age limit, fsyncs the log under the
 * periodic policy, deletes log segments whose records are all committed (committing streams that hold back an old
 * segment), and samples free disk space.
 */
final class Maintenance implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Maintenance.class.getName());
    private static final int MAX_CLOSED_SEGMENTS = 2;

    private final StoreOptions options;
    private final StreamCatalog catalog;
    private final CommitEngine commits;
    private final WriteAheadLog wal;
    private final FileStore volume;
    private final ScheduledExecutorService executor;
    volatile long volumeFree;
    volatile long volumeTotal;
    volatile String lastError = "";

    Maintenance(StoreOptions options, StreamCatalog catalog, CommitEngine commits, WriteAheadLog wal,
            FileStore volume) {
        this.options = options;
        this.catalog = catalog;
        this.commits = commits;
        this.wal = wal;
        this.volume = volume;
        sampleVolume();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "qss-store-maintenance");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::run, 100, 100, TimeUnit.MILLISECONDS);
        if (options.walSync() == StoreOptions.WalSyncPolicy.PERIODIC) {
            long period = Math.max(1, options.walSyncIntervalMillis());
            executor.scheduleWithFixedDelay(this::syncLog, period, period, TimeUnit.MILLISECONDS);
        }
    }

    private void run() {
        try {
            long now = System.nanoTime();
            long maxAge = TimeUnit.MILLISECONDS.toNanos(options.commitMaxAgeMillis());
            for (StreamState s : catalog.all()) {
                Head h = s.head;
                if (!h.pending.isEmpty() && now - h.firstPendingNanos >= maxAge) {
                    commits.tryCommit(s);
                }
            }
            reclaimLog();
            sampleVolume();
        } catch (StoreException | RuntimeException e) {
            lastError = e.getMessage();
            LOG.log(Level.ERROR, "store maintenance failed [error=" + e.getMessage() + "]", e);
        }
    }

    private void reclaimLog() throws StoreException {
        List<UUID> blockers = wal.reclaim(uuid -> CommitEngine.committedSeq(catalog.get(uuid)));
        if (wal.closedSegments() > MAX_CLOSED_SEGMENTS) {
            for (UUID uuid : blockers) {
                StreamState s = catalog.get(uuid);
                if (s != null) {
                    commits.tryCommit(s);
                }
            }
        }
    }

    private void syncLog() {
        try {
            wal.syncActive();
        } catch (StoreException | RuntimeException e) {
            lastError = e.getMessage();
            LOG.log(Level.ERROR, "periodic log sync failed [error=" + e.getMessage() + "]", e);
        }
    }

    private void sampleVolume() {
        try {
            volumeFree = volume.getUsableSpace();
            volumeTotal = volume.getTotalSpace();
        } catch (IOException e) {
            lastError = "reading free space failed: " + e.getMessage();
        }
    }

    boolean isVolumeFull() {
        return volumeTotal > 0 && 1.0 - (double) volumeFree / volumeTotal >= options.diskFullFraction();
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
