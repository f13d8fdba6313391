// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.Version;
import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.io.BlockCache;
import io.qss.store.internal.io.BlockStore;
import io.qss.store.internal.io.MetaLog;
import io.qss.store.internal.io.MetaRecord.Superblock;
import io.qss.store.internal.io.WalRecord;
import io.qss.store.internal.io.WriteAheadLog;
import io.qss.store.internal.tree.Core;
import io.qss.store.internal.tree.NodeSource;
import io.qss.store.internal.tree.TreePersister;
import io.qss.store.internal.tree.TreeWriter;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write path. An insert is logged (write-ahead log), added to the stream's buffer and acknowledged once the
 * log is synced. A commit applies the buffer to the tree copy-on-write, writes the new blocks, syncs them, and only
 * then appends the superblock to the metadata log: a crash before the superblock is durable leaves the previous
 * version intact and the log replays the buffer. Thread-safe: inserts hold the stream's write lock only to log and
 * buffer; a commit holds its commit lock while it writes and syncs, and the write lock only to switch heads.
 */
final class CommitEngine {

    private static final Comparator<StreamState> BY_UUID = Comparator.comparing(s -> s.uuid);

    private final StoreOptions options;
    private final BlockStore blocks;
    private final BlockCache cache;
    private final NodeLoader loader;
    private final MetaLog meta;
    private final AtomicLong nextSeq;
    /** Stamps each version with its commit time, which age-based retention reads. */
    private final Clock clock;

    private volatile WriteAheadLog wal;
    private volatile MetaLog.Fence fence;
    private volatile Runnable onFullBuffer = () -> {};

    CommitEngine(
            StoreOptions options,
            BlockStore blocks,
            BlockCache cache,
            NodeLoader loader,
            MetaLog meta,
            long lastSeq,
            Clock clock) {
        this.options = options;
        this.clock = clock;
        this.blocks = blocks;
        this.cache = cache;
        this.loader = loader;
        this.meta = meta;
        this.nextSeq = new AtomicLong(lastSeq);
    }

    /**
     * Gives the writable store its log and its fencing check. The check runs after each insert's log sync and before
     * the insert is acknowledged: a writer that lost its lease (a standby may have replayed the log and taken over)
     * acknowledges nothing more, so every acknowledged record is in the log the new writer replayed.
     */
    void attach(WriteAheadLog log, MetaLog.Fence fence) {
        this.wal = log;
        this.fence = fence;
    }

    /** Who commits full buffers: told (from an inserting thread, under the stream's write lock) when one fills. */
    void whenFull(Runnable committer) {
        this.onFullBuffer = committer;
    }

    /** Puts a replayed log record back into its stream's buffer unless a commit already contains it. */
    void replay(StreamState s, WalRecord rec) {
        nextSeq.accumulateAndGet(rec.seq(), Math::max);
        if (s != null && rec.seq() > s.head.committed.walSeq()) {
            s.buffer(rec.seq(), rec.policy(), rec.times(), rec.values(), System.nanoTime());
        }
    }

    Version insert(StreamState s, long[] times, double[] values, MergePolicy policy) throws StoreException {
        fence.check(); // a writer known to have lost its lease writes nothing more to the log
        PointSort.sort(times, values);
        WriteAheadLog.Ticket ticket;
        Version version;
        ByteSink encoded = new ByteSink(times.length * 3 + 64);
        s.writeLock.lock();
        try {
            s.requireLive();
            long seq = nextSeq.incrementAndGet();
            WalRecord rec = new WalRecord(seq, s.uuid, policy, times, values);
            rec.encode(encoded);
            ticket = wal.append(rec, encoded);
            s.buffer(seq, policy, times, values, System.nanoTime());
            commitIfFull(s);
            version = version(s);
        } finally {
            s.writeLock.unlock();
        }
        if (options.walSync() == StoreOptions.WalSyncPolicy.ALWAYS) {
            wal.sync(ticket);
        }
        fence.check();
        return version;
    }

    /**
     * Tells the committer that a buffer holds the most points a commit may wait for; call with the write lock held.
     * The commit runs on the committer's thread, so an insert never carries a tree write in its latency.
     */
    private void commitIfFull(StreamState s) {
        if (s.head.pendingPoints >= options.commitMaxPoints()) {
            s.bufferFull();
            onFullBuffer.run();
        }
    }

    /** One stream's points of an {@link #insertAll} call; arrays owned by the engine from now on. */
    record StreamInsert(StreamState state, long[] times, double[] values, MergePolicy policy) {}

    /**
     * Inserts into many streams with one log append and one sync. Every stream's lock is held (taken in UUID order,
     * so two calls cannot deadlock) from the liveness check until the buffers hold the points, so each stream's log
     * records stay in the order of its buffer and no commit sees points the log does not have.
     *
     * @return each insert's stream version afterwards, in order
     */
    List<Version> insertAll(List<StreamInsert> inserts) throws StoreException {
        fence.check();
        List<ByteSink> encoded = new ArrayList<>(inserts.size());
        for (StreamInsert in : inserts) {
            PointSort.sort(in.times(), in.values());
            encoded.add(new ByteSink(in.times().length * 3 + 64));
        }
        List<StreamState> locked = lockInOrder(inserts);
        WriteAheadLog.Ticket ticket;
        List<Version> versions = new ArrayList<>(inserts.size());
        try {
            for (StreamState s : locked) {
                s.requireLive();
            }
            List<WalRecord> records = new ArrayList<>(inserts.size());
            for (int i = 0; i < inserts.size(); i++) {
                StreamInsert in = inserts.get(i);
                WalRecord rec =
                        new WalRecord(nextSeq.incrementAndGet(), in.state().uuid, in.policy(), in.times(), in.values());
                rec.encode(encoded.get(i));
                records.add(rec);
            }
            ticket = wal.appendAll(records, encoded);
            long now = System.nanoTime();
            long bytes = 0;
            try {
                for (int i = 0; i < records.size(); i++) {
                    WalRecord rec = records.get(i);
                    StreamState s = inserts.get(i).state();
                    bytes += s.bufferUncounted(rec.seq(), rec.policy(), rec.times(), rec.values(), now);
                    commitIfFull(s);
                    versions.add(version(s));
                }
            } finally {
                inserts.get(0).state().countBuffered(bytes); // all streams of a store share its budget
            }
        } finally {
            unlockAll(locked);
        }
        if (options.walSync() == StoreOptions.WalSyncPolicy.ALWAYS) {
            wal.sync(ticket);
        }
        fence.check();
        return versions;
    }

    /**
     * Locks each distinct stream once; returns the locked ones. First without waiting, in the order given: a live
     * device flush brings thousands of streams, which nobody else holds but for a commit's short switch of heads,
     * and sorting them (to lock in UUID order) was a visible share of the insert's CPU. Only when a lock is busy are
     * all released again and taken in UUID order, so two calls still cannot deadlock: a caller waits for a lock only
     * while it holds locks in that order.
     */
    private static List<StreamState> lockInOrder(List<StreamInsert> inserts) {
        List<StreamState> locked = new ArrayList<>(inserts.size());
        for (StreamInsert in : inserts) {
            StreamState s = in.state();
            if (s.writeLock.isHeldByCurrentThread()) {
                continue; // the same stream twice in one call
            }
            if (!s.writeLock.tryLock()) {
                unlockAll(locked);
                return lockSorted(inserts);
            }
            locked.add(s);
        }
        return locked;
    }

    private static void unlockAll(List<StreamState> locked) {
        for (StreamState s : locked) {
            s.writeLock.unlock();
        }
    }

    /** Locks each distinct stream once, in UUID order, waiting for each; returns the locked ones. */
    private static List<StreamState> lockSorted(List<StreamInsert> inserts) {
        // an array sort: a live-device flush brings thousands of streams, and a tree map of them cost more than the
        // inserts' own work
        StreamState[] sorted = new StreamState[inserts.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = inserts.get(i).state();
        }
        Arrays.sort(sorted, BY_UUID);
        List<StreamState> locked = new ArrayList<>(sorted.length);
        for (StreamState s : sorted) {
            if (locked.isEmpty() || locked.get(locked.size() - 1) != s) {
                s.writeLock.lock();
                locked.add(s);
            }
        }
        return locked;
    }

    static Version version(StreamState s) {
        Head h = s.head;
        return new Version(h.committed.version(), h.pendingPoints);
    }

    Version flush(StreamState s) throws StoreException {
        s.commitLock.lock();
        try {
            s.writeLock.lock();
            try {
                s.requireLive();
            } finally {
                s.writeLock.unlock();
            }
            commitHoldingCommitLock(s);
            return version(s);
        } finally {
            s.commitLock.unlock();
        }
    }

    /**
     * Writes the buffer as it is now into a new tree version, syncs it, makes its superblock durable, and only then
     * takes the write lock for the switch of heads: inserts into the buffer go on while the tree is written.
     */
    private void commitHoldingCommitLock(StreamState s) throws StoreException {
        Head h = s.head;
        if (h.pending.isEmpty()) {
            return;
        }
        Superblock sb = writeTree(s, h, rootToCommit(h), h.committed.version() + 1, h.lastSeq());
        blocks.sync();
        meta.appendDurably(sb);
        publish(s, sb, h);
    }

    private static void publish(StreamState s, Superblock sb, Head written) {
        s.writeLock.lock();
        try {
            s.committed(sb, written.pending.size());
        } finally {
            s.writeLock.unlock();
        }
    }

    Version delete(StreamState s, long start, long end) throws StoreException {
        s.commitLock.lock();
        try {
            s.writeLock.lock();
            try {
                // deletes are rare: inserts wait, so the deleted range never mixes with points arriving meanwhile
                s.requireLive();
                Head h = s.head;
                Core root = latestRoot(h);
                long v = h.committed.version() + (h.pending.isEmpty() ? 1 : 2);
                if (!h.pending.isEmpty()) {
                    persist(s, writeTree(s, h, root, v - 1, h.lastSeq()));
                }
                Superblock committed = s.head.committed;
                root = new TreeWriter(loader, options.leafCapacity(), v).delete(root, start, end);
                persist(s, writeTree(s, s.head, root, v, committed.walSeq()));
                return version(s);
            } finally {
                s.writeLock.unlock();
            }
        } finally {
            s.commitLock.unlock();
        }
    }

    private void persist(StreamState s, Superblock sb) throws StoreException {
        blocks.sync();
        meta.appendDurably(sb);
        s.committed(sb);
    }

    /** Writes the tree's new blocks (not yet synced) and returns the superblock that will name it. */
    private Superblock writeTree(StreamState s, Head h, Core root, long version, long walSeq) throws StoreException {
        TreePersister persister = new TreePersister((node, enc) -> {
            long address = blocks.write(ByteBuffer.wrap(enc.array(), 0, enc.size()));
            // core nodes only: a leaf a commit writes is read again at the earliest by the stream's next commit (its
            // right edge) and is decoded from the block then; cached now, every leaf written was promoted by the
            // collector and evicted later, the largest share of what young collections copied under a live fleet
            if (node instanceof Core) {
                cache.put(address, node);
            }
            return address;
        });
        long rootAddress = persister.persistRoot(root);
        // the time goes into the superblock, so it is taken before the block sync and the metadata append: a version is
        // dated at most those two syncs before it became visible
        return new Superblock(
                s.uuid,
                version,
                rootAddress,
                root.count(),
                walSeq,
                h.committed.treeBytes() + persister.bytesWritten(),
                clock.millis());
    }

    /**
     * Commits the buffers of those streams whose locks are free (the background committer's group commit): every
     * tree is written, then one block sync, then all superblocks in one metadata-log append and one sync. Each
     * stream's commit stays atomic on its own: a crash mid-append leaves whole superblocks of some streams, whose
     * blocks are already synced, and the others at their previous version.
     */
    void tryCommitAll(List<StreamState> streams) throws StoreException {
        List<StreamState> locked = new ArrayList<>(streams.size());
        try {
            for (StreamState s : streams) {
                if (s.commitLock.tryLock()) {
                    locked.add(s);
                }
            }
            List<StreamState> committing = new ArrayList<>(locked.size());
            List<Head> written = new ArrayList<>(locked.size());
            List<Superblock> superblocks = new ArrayList<>(locked.size());
            for (StreamState s : locked) {
                Head h = s.head;
                if (!s.obliterated && !h.pending.isEmpty()) {
                    superblocks.add(writeTree(s, h, rootToCommit(h), h.committed.version() + 1, h.lastSeq()));
                    committing.add(s);
                    written.add(h);
                }
            }
            if (committing.isEmpty()) {
                return;
            }
            blocks.sync();
            meta.appendAllDurably(superblocks);
            for (int i = 0; i < committing.size(); i++) {
                publish(committing.get(i), superblocks.get(i), written.get(i));
            }
        } finally {
            for (StreamState s : locked) {
                s.commitLock.unlock();
            }
        }
    }

    Core rootOf(Superblock sb) throws StoreException {
        return sb.rootAddress() == 0 ? TreeWriter.emptyRoot() : (Core) loader.load(sb.rootAddress());
    }

    /** The committed tree with the buffer applied (cached in the head), stamped with the next version. */
    Core latestRoot(Head h) throws StoreException {
        return latestRoot(h, loader::loadForRewrite);
    }

    /** {@link #latestRoot} for a commit, which reads the leaves its points go into without caching them. */
    private Core rootToCommit(Head h) throws StoreException {
        return latestRoot(h, loader::loadForRewrite);
    }

    private Core latestRoot(Head h, NodeSource source) throws StoreException {
        if (h.pending.isEmpty()) {
            return rootOf(h.committed);
        }
        Core overlay = h.overlay;
        if (overlay == null) {
            overlay = apply(rootOf(h.committed), h.pending, h.committed.version() + 1, source);
            h.overlay = overlay;
        }
        return overlay;
    }

    /** Applies batches in order; consecutive batches with one policy merge into one sorted run first. */
    private Core apply(Core root, List<Batch> pending, long version, NodeSource source) throws StoreException {
        TreeWriter writer = new TreeWriter(source, options.leafCapacity(), version);
        int i = 0;
        while (i < pending.size()) {
            MergePolicy policy = pending.get(i).policy();
            int j = i;
            int total = 0;
            while (j < pending.size() && pending.get(j).policy() == policy) {
                total += pending.get(j++).size();
            }
            long[] t = new long[total];
            double[] v = new double[total];
            int at = 0;
            for (Batch b : pending.subList(i, j)) {
                b.copyTo(t, v, at);
                at += b.size();
            }
            PointSort.sort(t, v);
            root = writer.insert(root, t, v, 0, total, policy);
            i = j;
        }
        return root;
    }

    /** The highest log sequence number durably committed for a stream; MAX_VALUE for a stream that is gone. */
    static long committedSeq(StreamState s) {
        return s == null ? Long.MAX_VALUE : s.head.committed.walSeq();
    }
}
