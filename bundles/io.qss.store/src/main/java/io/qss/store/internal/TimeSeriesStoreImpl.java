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
import io.qss.store.api.spi.VolumeSpace;
import io.qss.store.api.spi.WriterLease;
import io.qss.store.internal.io.BlockCache;
import io.qss.store.internal.io.MetaLog;
import io.qss.store.internal.io.SegmentBlockStore;
import io.qss.store.internal.io.WriteAheadLog;
import io.qss.store.internal.tree.TreeReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store on a {@link StoreVolume} (local directory, RADOS pool, ...): objects {@code FORMAT}, the metadata
 * ({@code meta.log} and its checkpoints), {@code wal/...} and {@code blocks/...} (see docs/store-format.md); every
 * persisted byte goes through the volume. Plain Java, usable outside OSGi: {@link #open} it, use it from any thread,
 * {@link #close} it (commits buffered points, then closes the volume). Opening takes the volume's writer lease and
 * replays the metadata checkpoint, the metadata logs after it and the write-ahead log.
 */
public final class TimeSeriesStoreImpl implements TimeSeriesStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TimeSeriesStoreImpl.class);

    private final StoreVolume volume;
    private final StoreFormat format;
    private final SegmentBlockStore blocks;
    private final StreamCatalog catalog;
    private final MetaLog meta;
    private final WriteAheadLog wal;
    private final CommitEngine commits;
    private final QueryEngine queries;
    private final Maintenance maintenance;
    private final BufferBudget budget;
    private final BackgroundCommitter committer;
    private final StoreOptions options;
    private final NodeLoader loader;
    private final Clock clock;
    private final Object compactionLock = new Object();
    /** Read-only: bytes of the WAL replayed, and the volume's space sampled at the open. */
    private long standbyWalBytes;

    private VolumeSpace standbySpace;
    private final WriteHealth writeHealth = new WriteHealth();
    /** Who holds the writer lease while this store is open read-only (a standby); null when this store writes. */
    private final String standbyHolder;

    private volatile boolean closed;

    private TimeSeriesStoreImpl(WriteWatchingVolume volume, WriterLease lease, StoreOptions options, Clock clock)
            throws StoreException {
        options = options.fitObjectLimit(volume.maxObjectBytes());
        this.options = options;
        this.clock = clock;
        this.volume = volume;
        this.standbyHolder = null;
        try {
            format = lease == null ? StoreFormat.claim(volume, holder()) : StoreFormat.adopt(volume, lease);
            blocks = new SegmentBlockStore(volume, options.blockSegmentBytes());
            BlockCache cache = new BlockCache(options.cacheBytes());
            budget = new BufferBudget(options.effectiveBufferBytes(), this::commitUnderPressure);
            catalog = new StreamCatalog(budget, CommitQueue.of(options));
            meta = MetaLog.open(
                    volume, format::checkLease, options.metaCheckpointBytes(), catalog::replay, catalog::prune);
            catalog.attach(meta);
            long lastSeq = catalog.all().stream()
                    .mapToLong(s -> s.head.committed.walSeq())
                    .max()
                    .orElse(0);
            loader = new NodeLoader(blocks, cache);
            commits = new CommitEngine(options, blocks, cache, loader, meta, lastSeq, clock);
            wal = WriteAheadLog.open(
                    volume, options.walSegmentBytes(), rec -> commits.replay(catalog.get(rec.stream()), rec));
            commits.attach(wal, format::checkLease);
            queries = new QueryEngine(
                    commits,
                    new TreeReader(loader, loader::loadForScan),
                    (uuid, v) -> v < catalog.oldestKept(uuid) ? null : meta.findVersion(uuid, v));
            maintenance = new Maintenance(options, catalog, commits, wal, volume, writeHealth);
            committer = new BackgroundCommitter(options, catalog, commits, budget, writeHealth);
            commits.whenFull(committer::wake);
        } catch (StoreException | RuntimeException e) {
            closeQuietly();
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException(
                    ErrorCode.IO_ERROR, "opening store failed [" + volume.describe() + ", error=" + e + "]", e);
        }
    }

    /**
     * Read-only: takes no lease and opens nothing for writing (the writer owns the objects); replays the WAL's
     * copy (read first, see {@link WriteAheadLog#copy}), the metadata and then that copy into memory only, so
     * reads show every point the writer had acknowledged when the copy was read. No committer, no maintenance.
     */
    private TimeSeriesStoreImpl(StoreVolume volume, StoreOptions options, String holder) throws StoreException {
        options = options.fitObjectLimit(volume.maxObjectBytes());
        this.options = options;
        this.volume = volume;
        this.standbyHolder = holder;
        this.clock = Clock.systemUTC();
        try {
            format = null;
            StoreFormat.checkReadable(volume);
            List<WriteAheadLog.SegmentCopy> walCopy = WriteAheadLog.copy(volume);
            BlockCache cache = new BlockCache(options.cacheBytes());
            budget = new BufferBudget(Long.MAX_VALUE, () -> {});
            catalog = new StreamCatalog(budget, CommitQueue.of(options));
            meta = MetaLog.openReadOnly(volume, this::refuseWrite, catalog::replay);
            catalog.attach(meta);
            blocks = SegmentBlockStore.readOnly(volume, options.blockSegmentBytes());
            loader = new NodeLoader(blocks, cache);
            commits = new CommitEngine(options, blocks, cache, loader, meta, 0, clock);
            standbyWalBytes = WriteAheadLog.replay(walCopy, rec -> commits.replay(catalog.get(rec.stream()), rec));
            wal = null;
            queries = new QueryEngine(
                    commits,
                    new TreeReader(loader, loader::loadForScan),
                    (uuid, v) -> v < catalog.oldestKept(uuid) ? null : meta.findVersion(uuid, v));
            maintenance = null;
            committer = null;
            standbySpace = sampleSpace(volume);
        } catch (StoreException | RuntimeException e) {
            closeQuietly();
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException(
                    ErrorCode.IO_ERROR,
                    "opening store read-only failed [" + volume.describe() + ", error=" + e + "]",
                    e);
        }
    }

    private static VolumeSpace sampleSpace(StoreVolume volume) {
        try {
            return volume.space();
        } catch (StoreException e) {
            return new VolumeSpace(-1, -1);
        }
    }

    /** Who writes the store, for the message another process gets when it tries: {@code host:pid}. */
    static String holder() {
        return ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^(\\d+)@(.*)$", "$2:$1");
    }

    private void commitUnderPressure() {
        BackgroundCommitter c = committer;
        if (c != null) {
            c.wake();
        }
    }

    /**
     * Opens (creating if needed) the store on a volume, which it then owns: closing the store (or a failed open)
     * closes the volume. Only one process at a time may have a store open (the volume's writer lease).
     */
    public static TimeSeriesStoreImpl open(StoreVolume volume, StoreOptions options) throws StoreException {
        return open(volume, options, Clock.systemUTC());
    }

    /** {@link #open}, with the wall clock that stamps commits and dates retention by age (tests move it). */
    static TimeSeriesStoreImpl open(StoreVolume volume, StoreOptions options, Clock clock) throws StoreException {
        return new TimeSeriesStoreImpl(new WriteWatchingVolume(volume), null, options, clock);
    }

    /** {@link #open}, with the volume's writer lease already taken by the caller (a standby that just won it). */
    public static TimeSeriesStoreImpl open(StoreVolume volume, WriterLease lease, StoreOptions options)
            throws StoreException {
        return new TimeSeriesStoreImpl(new WriteWatchingVolume(volume), lease, options, Clock.systemUTC());
    }

    /** Attempts of {@link #openReadOnly}: a checkpoint of the writer may replace objects while they are read. */
    private static final int READ_ONLY_ATTEMPTS = 3;

    /**
     * Opens the store read-only while another process ({@code holder}, for the error message) holds the writer
     * lease: reads see what that writer had acknowledged at the time of the open; every write fails with
     * {@code UNAVAILABLE}. Owns the volume as {@link #open} does. Reopen it to see newer data.
     */
    public static TimeSeriesStoreImpl openReadOnly(StoreVolume volume, StoreOptions options, String holder)
            throws StoreException {
        for (int attempt = 1; ; attempt++) {
            try {
                return new TimeSeriesStoreImpl(volume, options, holder);
            } catch (StoreException e) {
                if (attempt >= READ_ONLY_ATTEMPTS || e.code() != ErrorCode.CORRUPT_DATA) {
                    closeVolumeQuietly(volume);
                    throw e;
                }
            }
        }
    }

    static void closeVolumeQuietly(StoreVolume volume) {
        try {
            volume.close();
        } catch (Exception e) {
            LOG.warn("closing volume failed [{}]", volume.describe(), e);
        }
    }

    /** True while this store is open read-only (a standby). */
    public boolean isReadOnly() {
        return standbyHolder != null;
    }

    /** The writer lease's holder named when the store was opened read-only; empty when this store writes. */
    public String standbyHolder() {
        return standbyHolder == null ? "" : standbyHolder;
    }

    private void refuseWrite() throws StoreException {
        if (standbyHolder != null) {
            throw new StoreException(
                    ErrorCode.UNAVAILABLE,
                    "store is standby (read-only): the writer lease is held by " + standbyHolder + " ["
                            + volume.describe() + "]");
        }
    }

    /** Where the store's bytes live, e.g. {@code dir=/var/qss/store}. */
    public String describe() {
        return volume.describe();
    }

    public StoreOptions options() {
        return options;
    }

    public int streamCount() {
        return catalog.all().size();
    }

    /** The latest failure of a write (insert, commit, log sync, maintenance), empty while writes work. */
    public String lastWriteFailure() {
        return writeHealth.failure();
    }

    /**
     * The write failure for health, empty while writes work: {@code storage not answering [backend=..., since=...,
     * last error=...]} while the storage does not answer in time, else {@code writes failing: ...}.
     *
     * @param backend the backend's name, e.g. {@code rados}
     */
    public String describeWriteFailure(String backend) {
        return writeHealth.describe(backend);
    }

    /** What the stream buffers hold against their budget, and the inserts waiting for room. */
    public BufferUsage bufferUsage() {
        return new BufferUsage(budget.buffered(), budget.limit(), budget.peak(), budget.waiting());
    }

    /**
     * The stream buffers' use of their heap budget.
     *
     * @param bufferedBytes held by buffers now
     * @param limitBytes the budget
     * @param peakBytes the most held at once (buffers and admitted inserts) since the store opened
     * @param waitingInserts inserts waiting for room now
     */
    public record BufferUsage(long bufferedBytes, long limitBytes, long peakBytes, int waitingInserts) {}

    /**
     * Bytes of all store objects and the volume's free and total bytes, without {@link #usage()}'s per-stream
     * map: cheap enough for every health check ({@code /status} asks for it), whatever the number of streams.
     */
    public SpaceUsage volumeUsage() {
        return new SpaceUsage(storeBytes(), Map.of(), volumeFree(), volumeTotal());
    }

    private long storeBytes() {
        return blocks.bytesUsed() + meta.bytes() + (wal == null ? standbyWalBytes : wal.bytes());
    }

    private long volumeFree() {
        return maintenance == null ? standbySpace.freeBytes() : maintenance.volumeFree;
    }

    private long volumeTotal() {
        return maintenance == null ? standbySpace.totalBytes() : maintenance.volumeTotal;
    }

    /** True when the data volume is too full for inserts (sampled every 100 ms). */
    public boolean isVolumeFull() {
        return maintenance != null && maintenance.isVolumeFull();
    }

    private void requireOpen() throws StoreException {
        if (closed) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "store is closed [" + volume.describe() + "]");
        }
    }

    private StreamState live(UUID uuid) throws StoreException {
        requireOpen();
        return catalog.require(uuid);
    }

    private void requireWritable() throws StoreException {
        requireOpen();
        refuseWrite();
    }

    /** A stream to write: the store open and writable, the stream live. */
    private StreamState writable(UUID uuid) throws StoreException {
        requireWritable();
        return catalog.require(uuid);
    }

    @Override
    public StreamInfo create(UUID uuid, String collection, Map<String, String> tags, Map<String, String> annotations)
            throws StoreException {
        requireWritable();
        return catalog.create(
                uuid, collection, tags == null ? Map.of() : tags, annotations == null ? Map.of() : annotations);
    }

    @Override
    public Optional<StreamInfo> stream(UUID uuid) {
        StreamState s = catalog.get(uuid);
        return s == null ? Optional.empty() : Optional.of(s.info);
    }

    @Override
    public List<StreamInfo> lookup(
            String collection, boolean isPrefix, Map<String, String> tags, Map<String, String> annotations) {
        return catalog.lookup(collection, isPrefix, tags, annotations);
    }

    @Override
    public List<String> listCollections(String prefix) {
        return catalog.listCollections(prefix);
    }

    @Override
    public long setAnnotations(
            UUID uuid, long expectedPropertyVersion, Map<String, String> changes, Collection<String> removals)
            throws StoreException {
        writable(uuid);
        return catalog.updateProperties(uuid, expectedPropertyVersion, null, Map.of(), List.of(), changes, removals);
    }

    @Override
    public long setTags(
            UUID uuid,
            long expectedPropertyVersion,
            String collection,
            Map<String, String> changes,
            Collection<String> removals)
            throws StoreException {
        writable(uuid);
        return catalog.updateProperties(
                uuid, expectedPropertyVersion, collection, changes, removals, Map.of(), List.of());
    }

    @Override
    public void obliterate(UUID uuid) throws StoreException {
        writable(uuid);
        catalog.obliterate(uuid);
    }

    @Override
    public Version insert(UUID uuid, long[] times, double[] values, int offset, int length, MergePolicy policy)
            throws StoreException {
        StreamState s = writable(uuid);
        Validation.points(uuid, times, values, offset, length, options.maxInsertPoints());
        if (length == 0) {
            return CommitEngine.version(s);
        }
        requireRoom(uuid, 1);
        long bytes = BufferBudget.bytesOf(length);
        admit(uuid, 1, bytes);
        try {
            long[] t = Arrays.copyOfRange(times, offset, offset + length);
            double[] v = Arrays.copyOfRange(values, offset, offset + length);
            return watched("insert failed", () -> commits.insert(s, t, v, policy == null ? MergePolicy.NEVER : policy));
        } finally {
            budget.leave(bytes);
        }
    }

    @Override
    public List<Version> insertAll(List<StreamBatch> batches) throws StoreException {
        requireWritable();
        List<CommitEngine.StreamInsert> inserts = new ArrayList<>(batches.size());
        int[] insertOf = new int[batches.size()];
        for (int i = 0; i < batches.size(); i++) {
            StreamBatch b = batches.get(i);
            StreamState s = live(b.stream());
            Validation.points(b.stream(), b.times(), b.values(), b.offset(), b.length(), options.maxInsertPoints());
            insertOf[i] = b.length() == 0 ? -1 : inserts.size();
            if (b.length() > 0) {
                inserts.add(new CommitEngine.StreamInsert(
                        s,
                        Arrays.copyOfRange(b.times(), b.offset(), b.offset() + b.length()),
                        Arrays.copyOfRange(b.values(), b.offset(), b.offset() + b.length()),
                        b.policy() == null ? MergePolicy.NEVER : b.policy()));
            }
        }
        if (inserts.isEmpty()) {
            return versionsOf(batches);
        }
        requireRoom(inserts.get(0).state().uuid, inserts.size());
        long bytes = 0;
        for (CommitEngine.StreamInsert in : inserts) {
            bytes += BufferBudget.bytesOf(in.times().length);
        }
        admit(inserts.get(0).state().uuid, inserts.size(), bytes);
        List<Version> written;
        try {
            written = watched("insert failed", () -> commits.insertAll(inserts));
        } finally {
            budget.leave(bytes);
        }
        List<Version> versions = new ArrayList<>(batches.size());
        for (int i = 0; i < batches.size(); i++) {
            versions.add(insertOf[i] >= 0 ? written.get(insertOf[i]) : version(batches.get(i).stream()));
        }
        return versions;
    }

    private List<Version> versionsOf(List<StreamBatch> batches) throws StoreException {
        List<Version> versions = new ArrayList<>(batches.size());
        for (StreamBatch b : batches) {
            versions.add(version(b.stream()));
        }
        return versions;
    }

    private void requireRoom(UUID stream, int streams) throws StoreException {
        if (maintenance.isVolumeFull()) {
            throw new StoreException(
                    ErrorCode.RESOURCE_DEPLETED,
                    "data volume too full to insert [stream=" + stream
                            + (streams > 1 ? ", streams=" + streams : "") + ", freeBytes=" + maintenance.volumeFree
                            + ", limit=" + options.diskFullFraction() + "]");
        }
    }

    /**
     * Waits (at most {@code buffer.wait.ms}) until the buffers have room for {@code bytes}: a load the commits cannot
     * follow slows inserts down instead of filling the heap.
     */
    private void admit(UUID stream, int streams, long bytes) throws StoreException {
        String what = "[stream=" + stream + (streams > 1 ? ", streams=" + streams : "") + ", bytes=" + bytes;
        try {
            if (!budget.admit(bytes, TimeUnit.MILLISECONDS.toNanos(options.bufferWaitMillis()))) {
                throw new StoreException(
                        ErrorCode.RESOURCE_DEPLETED,
                        "store buffers full, commits are behind "
                                + what + ", bufferedBytes=" + budget.buffered() + ", limitBytes=" + budget.limit()
                                + ", waitedMs=" + options.bufferWaitMillis() + "]");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(
                    ErrorCode.UNAVAILABLE, "insert interrupted while waiting for buffer room " + what + "]", e);
        }
    }

    @FunctionalInterface
    private interface Write<T> {
        T run() throws StoreException;
    }

    /** Runs a write, telling the write health whether it reached the disk. */
    private <T> T watched(String what, Write<T> write) throws StoreException {
        try {
            T result = write.run();
            writeHealth.succeeded();
            return result;
        } catch (StoreException e) {
            if (e.code() == ErrorCode.IO_ERROR) {
                writeHealth.failed(what, e);
            }
            throw e;
        }
    }

    @Override
    public Version delete(UUID uuid, long start, long end) throws StoreException {
        StreamState s = writable(uuid);
        Validation.range(uuid, start, end);
        return watched("delete failed", () -> commits.delete(s, start, end));
    }

    @Override
    public Version flush(UUID uuid) throws StoreException {
        StreamState s = writable(uuid);
        return watched("flush failed", () -> commits.flush(s));
    }

    @Override
    public Version version(UUID uuid) throws StoreException {
        return CommitEngine.version(live(uuid));
    }

    @Override
    public long rawValues(UUID uuid, long start, long end, long version, RawConsumer consumer) throws StoreException {
        return queries.raw(live(uuid), start, end, version, consumer);
    }

    @Override
    public long alignedWindows(UUID uuid, long start, long end, int pointWidth, long version, StatConsumer consumer)
            throws StoreException {
        return queries.aligned(live(uuid), start, end, pointWidth, version, consumer);
    }

    @Override
    public long windows(UUID uuid, long start, long end, long width, int depth, long version, StatConsumer consumer)
            throws StoreException {
        return queries.windows(live(uuid), start, end, width, depth, version, consumer);
    }

    @Override
    public Optional<RawPoint> nearest(UUID uuid, long time, boolean backward, long version) throws StoreException {
        return queries.nearest(live(uuid), time, backward, version);
    }

    @Override
    public Optional<RawPoint> earliest(UUID uuid, long version) throws StoreException {
        return queries.nearest(live(uuid), MIN_TIME, false, version);
    }

    @Override
    public Optional<RawPoint> latest(UUID uuid, long version) throws StoreException {
        return queries.nearest(live(uuid), MAX_TIME, true, version);
    }

    @Override
    public long count(UUID uuid, long start, long end, long version) throws StoreException {
        return queries.count(live(uuid), start, end, version);
    }

    @Override
    public Changes changes(UUID uuid, long fromVersion, long toVersion, int resolution) throws StoreException {
        return queries.changes(live(uuid), fromVersion, toVersion, resolution);
    }

    @Override
    public SpaceUsage usage() {
        Map<UUID, Long> perStream = new HashMap<>();
        for (StreamState s : catalog.all()) {
            perStream.put(s.uuid, s.head.committed.treeBytes());
        }
        return new SpaceUsage(storeBytes(), perStream, volumeFree(), volumeTotal());
    }

    /**
     * Folds the metadata logs into a checkpoint now (normally done in the background once the log reaches
     * {@link StoreOptions#metaCheckpointBytes()}), so the next open replays only a head per stream.
     */
    public void checkpointMetadata() throws StoreException {
        requireWritable();
        watched("metadata checkpoint failed", () -> {
            meta.checkpoint();
            return null;
        });
    }

    @Override
    public CompactionResult compact() throws StoreException {
        try {
            return compact(COMPACTION_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(ErrorCode.UNAVAILABLE, "compaction interrupted [" + volume.describe() + "]", e);
        }
    }

    /** Queries that started on a tree before compaction moved it get this long to finish before its blocks go. */
    static final long COMPACTION_GRACE_MILLIS = 30_000;

    CompactionResult compact(long graceMillis) throws StoreException, InterruptedException {
        requireWritable();
        synchronized (compactionLock) {
            Compactor.Result r;
            try {
                CompactionRetention retention =
                        new CompactionRetention(options.retentionVersions(), options.retentionDays(), clock.millis());
                r = new Compactor(catalog, blocks, loader, meta, retention).run(graceMillis);
                writeHealth.succeeded();
            } catch (StoreException e) {
                if (e.code() == ErrorCode.IO_ERROR) {
                    writeHealth.failed("compaction failed", e);
                }
                throw e;
            }
            return new CompactionResult(r.segmentsFreed(), r.bytesFreed(), r.blocksMoved(), r.versionsExpired());
        }
    }

    @Override
    public List<Path> snapshot(Path target) throws StoreException {
        requireWritable();
        return StoreSnapshot.write(volume, target, meta, blocks, wal);
    }

    /** Commits every buffer, then closes all objects and the volume. Idempotent. */
    @Override
    public synchronized void close() throws StoreException {
        if (closed) {
            return;
        }
        closed = true;
        if (standbyHolder != null) {
            closeQuietly();
            return;
        }
        StoreException failure = null;
        try {
            maintenance.close();
            committer.close();
            for (StreamState s : catalog.all()) {
                commits.flush(s);
            }
        } catch (StoreException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly();
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Fencing check of a writable store: returns only while it still holds the volume's writer lease.
     *
     * @throws StoreException {@code UNAVAILABLE} when the lease was lost, or this store is read-only
     */
    public void checkLease() throws StoreException {
        if (format == null) {
            refuseWrite();
        }
        format.checkLease();
    }

    /** Closes the objects without committing buffers, as if the process died right after its last fsync (tests). */
    synchronized void abandon() throws InterruptedException {
        closed = true;
        maintenance.close();
        committer.close();
        closeQuietly();
    }

    private void closeQuietly() {
        for (AutoCloseable c : new AutoCloseable[] {wal, meta, blocks, format, volume}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                LOG.warn("closing store failed [{}, error={}]", volume.describe(), e.getMessage(), e);
            }
        }
    }
}
