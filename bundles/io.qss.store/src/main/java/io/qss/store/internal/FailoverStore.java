// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.Changes;
import io.qss.store.api.CompactionResult;
import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.RawConsumer;
import io.qss.store.api.RawPoint;
import io.qss.store.api.SpaceUsage;
import io.qss.store.api.StatConsumer;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamBatch;
import io.qss.store.api.StreamInfo;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.WriterLease;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store that may start as a standby: when another process holds the writer lease it serves reads from a read-only
 * open of the store, reopened every {@code refreshMillis} so that reads follow the writer, and asks for the lease
 * every {@code pollMillis}. Once it wins the lease it opens the store for writing (replaying the write-ahead log, so
 * nothing the old writer acknowledged is lost) and forwards everything to it. Callers keep this one object
 * throughout. An active store that loses its lease (it expired while the cluster was unreachable, or another process
 * took it) becomes a standby the same way and asks for the lease again. Plain Java; both timers run on one thread, so
 * a refresh never races a takeover.
 */
public final class FailoverStore implements TimeSeriesStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverStore.class);
    private static final Pattern HOLDER = Pattern.compile("holder=([^,)\\]]+)");

    /** Opens a fresh volume of the store (the store that gets it owns and closes it). */
    @FunctionalInterface
    public interface VolumeSource {
        StoreVolume open() throws StoreException;
    }

    private final VolumeSource volumes;
    private final StoreOptions options;
    private final long refreshMillis;
    private final ScheduledExecutorService timer;
    private volatile long standbySinceNanos = System.nanoTime();
    private volatile TimeSeriesStoreImpl delegate;
    /** Replaced stores not closed yet: reads that started on them get one refresh interval to finish. */
    private final Queue<TimeSeriesStoreImpl> retiring = new ConcurrentLinkedQueue<>();
    /** While standby: the volume asked for the lease, owned by this object until a takeover hands it on. */
    private StoreVolume leaseVolume;

    private volatile String holder = "";
    private volatile Instant dataAsOf = Instant.now();
    private volatile String takeover = "";
    private volatile boolean closed;

    private FailoverStore(VolumeSource volumes, StoreOptions options, long refreshMillis) {
        this.volumes = volumes;
        this.options = options;
        this.refreshMillis = refreshMillis;
        this.timer = DaemonThreads.scheduler("qss-store-standby");
    }

    /**
     * Opens the store for writing when the lease is free, or as a standby when another process holds it.
     *
     * @throws StoreException when the store cannot be opened either way (a lease failure that names no holder,
     *     such as an unreachable cluster, included)
     */
    public static FailoverStore open(VolumeSource volumes, StoreOptions options, long refreshMillis, long pollMillis)
            throws StoreException {
        FailoverStore store = new FailoverStore(volumes, options, refreshMillis);
        try {
            store.start(pollMillis);
            return store;
        } catch (StoreException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private void start(long pollMillis) throws StoreException {
        StoreVolume volume = volumes.open();
        WriterLease lease = null;
        try {
            lease = volume.acquireWriter(TimeSeriesStoreImpl.holder());
        } catch (StoreException e) {
            String other = holderIn(e);
            if (other == null) {
                TimeSeriesStoreImpl.closeVolumeQuietly(volume);
                throw e;
            }
            leaseVolume = volume;
            holder = other;
            delegate = openReadOnly();
            LOG.info("store is standby, the writer lease is held by " + other);
        }
        if (lease != null) {
            delegate = TimeSeriesStoreImpl.open(volume, lease, options);
        }
        timer.scheduleWithFixedDelay(this::refresh, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::pollOrWatch, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** A standby asks for the lease; an active store checks it still holds it. */
    private void pollOrWatch() {
        if (closed) {
            return;
        }
        if (isStandby()) {
            poll();
        } else {
            watchLease();
        }
    }

    /**
     * Demotes this store to standby when its lease is gone (expired while the cluster was unreachable, or taken by
     * another process): its writes are refused by the fencing check already, and as a standby it serves reads and
     * asks for the lease again, so it writes again by itself once it wins it.
     */
    private void watchLease() {
        TimeSeriesStoreImpl active = delegate;
        try {
            active.checkLease();
        } catch (StoreException | RuntimeException e) {
            demote(active, e);
        }
    }

    private void demote(TimeSeriesStoreImpl active, Exception lost) {
        String reason = lost.getMessage();
        try {
            holder = newHolderIn(lost);
            TimeSeriesStoreImpl readOnly = openReadOnly();
            standbySinceNanos = System.nanoTime();
            delegate = readOnly;
            timer.schedule(() -> abandonQuietly(active), refreshMillis, TimeUnit.MILLISECONDS);
            LOG.error("store lost its writer lease and is standby now: writes are refused until it wins the lease"
                    + " again [reason=" + reason + "]");
        } catch (StoreException | RuntimeException e) {
            LOG.warn("store lost its writer lease; opening it read-only failed, writes stay refused [reason=" + reason
                    + ", error=" + e.getMessage() + "]");
        }
    }

    /** Lets go of a store that lost its lease without committing (its buffered points are in the log). */
    private static void abandonQuietly(TimeSeriesStoreImpl store) {
        try {
            store.abandon();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("letting go of the store that lost its lease failed [" + store.describe() + "]", e);
        }
    }

    /**
     * Who took the lease, as the error that says it is lost names it (a backend that sees the lease taken over says
     * by whom), so that health names the new writer at once instead of after the first poll; else "another process".
     */
    private static String newHolderIn(Exception lost) {
        String named = lost instanceof StoreException se ? holderIn(se) : null;
        boolean isSomeoneElse = named != null
                && !named.equals("none")
                && !named.startsWith("unknown")
                && !named.equals(TimeSeriesStoreImpl.holder());
        return isSomeoneElse ? named : "another process";
    }

    /** The holder a lease refusal names ({@code holder=...} in its message), or null when it names none. */
    static String holderIn(StoreException refusal) {
        if (refusal.code() != ErrorCode.UNAVAILABLE || refusal.getMessage() == null) {
            return null;
        }
        Matcher m = HOLDER.matcher(refusal.getMessage());
        return m.find() ? m.group(1).trim() : null;
    }

    private TimeSeriesStoreImpl openReadOnly() throws StoreException {
        Instant asOf = Instant.now();
        TimeSeriesStoreImpl store = TimeSeriesStoreImpl.openReadOnly(volumes.open(), options, holder);
        dataAsOf = asOf;
        return store;
    }

    /** Reopens the read-only store so that reads show what the writer acknowledged since. */
    private void refresh() {
        if (closed || !isStandby()) {
            return;
        }
        try {
            swap(openReadOnly());
        } catch (StoreException | RuntimeException e) {
            LOG.warn("refreshing the standby's read-only store failed, reads stay as of " + dataAsOf + " [error="
                    + e.getMessage() + "]");
        }
    }

    private void poll() {
        WriterLease lease;
        try {
            if (leaseVolume == null) {
                leaseVolume = volumes.open();
            }
            lease = leaseVolume.acquireWriter(TimeSeriesStoreImpl.holder());
        } catch (StoreException | RuntimeException e) {
            String other = e instanceof StoreException se ? holderIn(se) : null;
            if (other != null) {
                holder = other;
            } else {
                LOG.warn("asking for the writer lease failed [error=" + e.getMessage() + "]");
            }
            return;
        }
        takeOver(lease);
    }

    private void takeOver(WriterLease lease) {
        StoreVolume volume = leaseVolume;
        leaseVolume = null; // the writable store owns it now, or closed it when it failed to open
        try {
            long standbyNanos = System.nanoTime() - standbySinceNanos;
            TimeSeriesStoreImpl writable = TimeSeriesStoreImpl.open(volume, lease, options);
            takeover = String.format("took over from %s after %.1f s", holder, standbyNanos / 1e9);
            swap(writable);
            LOG.info("store is active, " + takeover + " [" + writable.describe() + "]");
        } catch (StoreException | RuntimeException e) {
            LOG.error(
                    "opening the store for writing after winning the lease failed, still standby [error="
                            + e.getMessage() + "]",
                    e);
        }
    }

    /** Makes {@code next} serve every call; the previous store is closed once reads that started on it are done. */
    private void swap(TimeSeriesStoreImpl next) {
        retiring.add(delegate);
        delegate = next;
        timer.schedule(this::closeRetired, refreshMillis, TimeUnit.MILLISECONDS);
    }

    private void closeRetired() {
        TimeSeriesStoreImpl oldest = retiring.poll();
        if (oldest != null) {
            closeQuietly(oldest);
        }
    }

    private static void closeQuietly(TimeSeriesStoreImpl store) {
        try {
            store.close();
        } catch (StoreException | RuntimeException e) {
            LOG.warn("closing store failed [" + store.describe() + "]", e);
        }
    }

    /** The store serving calls now: read-only while standby, writable after a takeover. */
    public TimeSeriesStoreImpl current() {
        return delegate;
    }

    public boolean isStandby() {
        TimeSeriesStoreImpl d = delegate;
        return d != null && d.isReadOnly();
    }

    /** Who holds the writer lease, as last refused; empty when this store has always written. */
    public String leaseHolder() {
        return holder;
    }

    /** While standby: when the read-only store serving reads was opened. */
    public Instant dataAsOf() {
        return dataAsOf;
    }

    /** After a takeover, {@code took over from <holder> after N s} (N: time spent as standby); empty otherwise. */
    public String takeover() {
        return takeover;
    }

    @Override
    public synchronized void close() throws StoreException {
        if (closed) {
            return;
        }
        closed = true;
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (TimeSeriesStoreImpl old; (old = retiring.poll()) != null; ) {
            closeQuietly(old);
        }
        if (leaseVolume != null) {
            TimeSeriesStoreImpl.closeVolumeQuietly(leaseVolume);
        }
        TimeSeriesStoreImpl d = delegate;
        if (d != null) {
            d.close();
        }
    }

    @Override
    public StreamInfo create(UUID uuid, String collection, Map<String, String> tags, Map<String, String> annotations)
            throws StoreException {
        return delegate.create(uuid, collection, tags, annotations);
    }

    @Override
    public Optional<StreamInfo> stream(UUID uuid) {
        return delegate.stream(uuid);
    }

    @Override
    public List<StreamInfo> lookup(
            String collection, boolean isPrefix, Map<String, String> tags, Map<String, String> annotations) {
        return delegate.lookup(collection, isPrefix, tags, annotations);
    }

    @Override
    public List<String> listCollections(String prefix) {
        return delegate.listCollections(prefix);
    }

    @Override
    public long setAnnotations(
            UUID uuid, long expectedPropertyVersion, Map<String, String> changes, Collection<String> removals)
            throws StoreException {
        return delegate.setAnnotations(uuid, expectedPropertyVersion, changes, removals);
    }

    @Override
    public long setTags(
            UUID uuid,
            long expectedPropertyVersion,
            String collection,
            Map<String, String> changes,
            Collection<String> removals)
            throws StoreException {
        return delegate.setTags(uuid, expectedPropertyVersion, collection, changes, removals);
    }

    @Override
    public void obliterate(UUID uuid) throws StoreException {
        delegate.obliterate(uuid);
    }

    @Override
    public Version insert(UUID uuid, long[] times, double[] values, int offset, int length, MergePolicy policy)
            throws StoreException {
        return delegate.insert(uuid, times, values, offset, length, policy);
    }

    @Override
    public List<Version> insertAll(List<StreamBatch> batches) throws StoreException {
        return delegate.insertAll(batches);
    }

    @Override
    public Version delete(UUID uuid, long start, long end) throws StoreException {
        return delegate.delete(uuid, start, end);
    }

    @Override
    public Version flush(UUID uuid) throws StoreException {
        return delegate.flush(uuid);
    }

    @Override
    public Version version(UUID uuid) throws StoreException {
        return delegate.version(uuid);
    }

    @Override
    public long rawValues(UUID uuid, long start, long end, long version, RawConsumer consumer) throws StoreException {
        return delegate.rawValues(uuid, start, end, version, consumer);
    }

    @Override
    public long alignedWindows(UUID uuid, long start, long end, int pointWidth, long version, StatConsumer consumer)
            throws StoreException {
        return delegate.alignedWindows(uuid, start, end, pointWidth, version, consumer);
    }

    @Override
    public long windows(UUID uuid, long start, long end, long width, int depth, long version, StatConsumer consumer)
            throws StoreException {
        return delegate.windows(uuid, start, end, width, depth, version, consumer);
    }

    @Override
    public Optional<RawPoint> nearest(UUID uuid, long time, boolean backward, long version) throws StoreException {
        return delegate.nearest(uuid, time, backward, version);
    }

    @Override
    public Optional<RawPoint> earliest(UUID uuid, long version) throws StoreException {
        return delegate.earliest(uuid, version);
    }

    @Override
    public Optional<RawPoint> latest(UUID uuid, long version) throws StoreException {
        return delegate.latest(uuid, version);
    }

    @Override
    public long count(UUID uuid, long start, long end, long version) throws StoreException {
        return delegate.count(uuid, start, end, version);
    }

    @Override
    public Changes changes(UUID uuid, long fromVersion, long toVersion, int resolution) throws StoreException {
        return delegate.changes(uuid, fromVersion, toVersion, resolution);
    }

    @Override
    public SpaceUsage usage() {
        return delegate.usage();
    }

    @Override
    public List<Path> snapshot(Path target) throws StoreException {
        return delegate.snapshot(target);
    }

    @Override
    public CompactionResult compact() throws StoreException {
        return delegate.compact();
    }
}
