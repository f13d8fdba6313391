// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.VolumeSpace;
import io.qss.store.internal.io.WriteAheadLog;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Background work on one daemon thread (buffers are committed by the {@link BackgroundCommitter}): fsyncs the log
 * under the periodic policy, deletes log segments whose records are all committed (committing streams that hold back
 * an old segment), and samples free disk space. While writes are failing and the volume has room again, it probes that the
 * volume takes a synced write, so the store's health recovers without waiting for the next insert.
 */
final class Maintenance implements AutoCloseable {

    /**
     * Closed log segments kept before the streams holding back the oldest are committed early: 512 MiB of log at the
     * default segment size, about a minute of a live fleet's log (1,000 PMUs and 200 uPMUs write 7.5 MB a second), so
     * buffers are committed at their age. With two, a segment closed every 9 s under that load and was reclaimed
     * about 20 s later, so most streams were committed early by this thread, at well under their commit age: more
     * commits, each writing and caching a tree path. Also bounds the log a crash replays.
     */
    private static final int MAX_CLOSED_SEGMENTS = 8;

    private static final int COMMIT_GROUP = 32;
    /** Longest a healthy store goes without a durable write: then it probes. */
    private static final long PROBE_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** How often the probe thread looks whether a probe is due. */
    private static final long PROBE_CHECK_MILLIS = 500;
    /** Free space a failing store needs, besides a successful probe write, before it reports writable again. */
    static final long RECOVERY_FREE_BYTES = 1L << 20;
    /**
     * Nanoseconds between two looks for reclaimable log segments. A look walks every stream of the oldest closed
     * segment (tens of thousands with a fleet of live devices), and a segment waits for commits that take seconds
     * anyway, so looking every 100 ms cost CPU for nothing.
     */
    private static final long RECLAIM_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final StoreOptions options;
    private final StreamCatalog catalog;
    private final CommitEngine commits;
    private final WriteAheadLog wal;
    private final WriteWatchingVolume volume;
    private final WriteHealth health;
    private final ScheduledExecutorService executor;
    private final ScheduledExecutorService prober;
    volatile long volumeFree;
    volatile long volumeTotal;
    private long lastReclaimNanos = System.nanoTime() - RECLAIM_EVERY_NANOS;

    Maintenance(
            StoreOptions options,
            StreamCatalog catalog,
            CommitEngine commits,
            WriteAheadLog wal,
            WriteWatchingVolume volume,
            WriteHealth health) {
        this.options = options;
        this.catalog = catalog;
        this.commits = commits;
        this.wal = wal;
        this.volume = volume;
        this.health = health;
        try {
            sampleVolume();
        } catch (StoreException e) {
            health.failed("reading free space failed", e);
        }
        executor = DaemonThreads.scheduler("qss-store-maintenance");
        executor.scheduleWithFixedDelay(this::run, 100, 100, TimeUnit.MILLISECONDS);
        prober = DaemonThreads.scheduler("qss-store-probe");
        prober.scheduleWithFixedDelay(this::probe, PROBE_CHECK_MILLIS, PROBE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        if (options.walSync() == StoreOptions.WalSyncPolicy.PERIODIC) {
            long period = Math.max(1, options.walSyncIntervalMillis());
            executor.scheduleWithFixedDelay(this::syncLog, period, period, TimeUnit.MILLISECONDS);
        }
    }

    private void run() {
        try {
            long now = System.nanoTime();
            if (now - lastReclaimNanos >= RECLAIM_EVERY_NANOS) {
                lastReclaimNanos = now;
                reclaimLog();
            }
            sampleVolume();
        } catch (StoreException | RuntimeException e) {
            health.failed("maintenance failed", e);
            return;
        }
        if (health.isFailing() && !isVolumeFull() && hasRoomToRecover()) {
            try {
                volume.probeWrite();
                health.succeeded();
            } catch (StoreException | RuntimeException e) {
                health.failed("probe write failed", e);
            }
        }
    }

    /**
     * Proves on a thread of its own that the storage takes a small synced write: the maintenance thread can wait
     * behind log and commit locks held by writes that are themselves waiting for storage that does not answer (a
     * cluster outage), and health must say so meanwhile. Only when no write became durable for a probe period: the
     * store's own writes prove as much, and a busy store needs no extra I/O (an idle one still probes). Looking
     * often keeps an outage's report within a probe period and one operation timeout of the last durable write.
     * Recovery stays with {@link #run}.
     */
    private void probe() {
        if (health.isFailing() || volume.wroteDurablyWithin(PROBE_PERIOD_NANOS)) {
            return;
        }
        try {
            volume.probeWrite();
        } catch (StoreException | RuntimeException e) {
            health.failed("probe write failed", e);
        }
    }

    /**
     * The age at which a stream's buffer is committed: between half the limit and the limit, fixed per stream by its
     * UUID. Streams that started together (a fleet of live devices) would otherwise fall due together every time
     * and commit in one wave that holds the disk; spread like this, they commit a few at a time.
     */
    static long commitAge(UUID stream, long maxAgeNanos) {
        double spread = (stream.getLeastSignificantBits() >>> 11) * 0x1.0p-53;
        return maxAgeNanos / 2 + (long) (maxAgeNanos / 2 * spread);
    }

    /**
     * Commits streams a group at a time, each group with one block sync and one metadata sync. Groups stay small so
     * that an insert waits for a stream's lock no longer than one group's tree work.
     */
    private void commitInGroups(List<StreamState> due) throws StoreException {
        for (int from = 0; from < due.size(); from += COMMIT_GROUP) {
            commits.tryCommitAll(due.subList(from, Math.min(due.size(), from + COMMIT_GROUP)));
        }
    }

    private void reclaimLog() throws StoreException {
        List<UUID> blockers = wal.reclaim(uuid -> CommitEngine.committedSeq(catalog.get(uuid)));
        if (wal.closedSegments() > MAX_CLOSED_SEGMENTS) {
            List<StreamState> holding = new ArrayList<>();
            for (UUID uuid : blockers) {
                StreamState s = catalog.get(uuid);
                if (s != null) {
                    holding.add(s);
                }
            }
            commitInGroups(holding);
        }
    }

    private void syncLog() {
        try {
            wal.syncActive();
        } catch (StoreException | RuntimeException e) {
            health.failed("periodic log sync failed", e);
        }
    }

    private void sampleVolume() throws StoreException {
        VolumeSpace space = volume.space();
        volumeFree = space.freeBytes();
        volumeTotal = space.totalBytes();
    }

    /** True when the volume is used past the limit; never for a volume that cannot tell its space. */
    /**
     * Whether a failing store may call itself writable again once a probe write succeeds: a failed write cuts off what
     * it wrote, which leaves a few pages free on a full volume, enough for the probe but not for a commit; so some
     * real room is asked for too (unless the backend cannot tell its free space).
     */
    private boolean hasRoomToRecover() {
        return volumeFree < 0 || volumeFree >= RECOVERY_FREE_BYTES;
    }

    boolean isVolumeFull() {
        return volumeTotal > 0
                && volumeFree >= 0
                && 1.0 - (double) volumeFree / volumeTotal >= options.diskFullFraction();
    }

    @Override
    public void close() throws InterruptedException {
        prober.shutdown();
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
        prober.awaitTermination(10, TimeUnit.SECONDS);
    }
}
