// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.MergePolicy;
import io.qss.store.StoreException;
import io.qss.store.Version;
import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.io.BlockCache;
import io.qss.store.internal.io.MetaLog;
import io.qss.store.internal.io.MetaRecord.Superblock;
import io.qss.store.internal.io.WalRecord;
import io.qss.store.internal.io.WriteAheadLog;
import io.qss.store.internal.tree.Core;
import io.qss.store.internal.tree.TreePersister;
import io.qss.store.internal.tree.TreeWriter;
import io.qss.store.spi.BlockStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write path. An insert is logged (write-ahead log), added to the stream's buffer and acknowledged once the
 * log is synced. A commit applies the buffer to the tree copy-on-write, writes the new blocks, syncs them, and only
 * then appends the superblock to the metadata log: a crash before the superblock is durable leaves the previous
 * version intact and the log replays the buffer. Thread-safe; per-stream work runs under the stream's write lock.
 */
final class CommitEngine {

    private final StoreOptions options;
    private final BlockStore blocks;
    private final BlockCache cache;
    private final NodeLoader loader;
    private final MetaLog meta;
    private final AtomicLong nextSeq;
    private volatile WriteAheadLog wal;

    CommitEngine(StoreOptions options, BlockStore blocks, BlockCache cache, NodeLoader loader, MetaLog meta,
            long lastSeq) {
        this.options = options;
        this.blocks = blocks;
        this.cache = cache;
        this.loader = loader;
        this.meta = meta;
        this.nextSeq = new AtomicLong(lastSeq);
    }

    void attach(WriteAheadLog log) {
        this.wal = log;
    }

    /** Puts a replayed log record back into its stream's buffer unless a commit already contains it. */
    void replay(StreamState s, WalRecord rec) {
        nextSeq.accumulateAndGet(rec.seq(), Math::max);
        if (s != null && rec.seq() > s.head.committed.walSeq()) {
            s.head = s.head.with(new Batch(rec.seq(), rec.policy(), rec.times(), rec.values()), System.nanoTime());
        }
    }

    Version insert(StreamState s, long[] times, double[] values, MergePolicy policy) throws StoreException {
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
            s.head = s.head.with(new Batch(seq, policy, times, values), System.nanoTime());
            if (s.head.pendingPoints >= options.commitMaxPoints()) {
                commitLocked(s);
            }
            version = version(s);
        } finally {
            s.writeLock.unlock();
        }
        if (options.walSync() == StoreOptions.WalSyncPolicy.ALWAYS) {
            wal.sync(ticket);
        }
        return version;
    }

    /** One stream's points of an {@link #insertAll} call; arrays owned by the engine from now on. */
    record StreamInsert(StreamState state, long[] times, double[] values, MergePolicy policy) {
    }

    /**
     * Inserts into many streams with one log append and one sync. Every stream's lock is held (taken in UUID order,
     * so two calls cannot deadlock) from the liveness check until the buffers hold the points, so each stream's log
     * records stay in the order of its buffer and no commit sees points the log does not have.
     *
     * @return each insert's stream version afterwards, in order
     */
    List<Version> insertAll(List<StreamInsert> inserts) throws StoreException {
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
                WalRecord rec = new WalRecord(nextSeq.incrementAndGet(), in.state().uuid, in.policy(), in.times(),
                        in.values());
                rec.encode(encoded.get(i));
                records.add(rec);
            }
            ticket = wal.appendAll(records, encoded);
            for (int i = 0; i < records.size(); i++) {
                WalRecord rec = records.get(i);
                StreamState s = inserts.get(i).state();
                s.head = s.head.with(new Batch(rec.seq(), rec.policy(), rec.times(), rec.values()), System.nanoTime());
                if (s.head.pendingPoints >= options.commitMaxPoints()) {
                    commitLocked(s);
                }
                versions.add(version(s));
            }
        } finally {
            for (StreamState s : locked) {
                s.writeLock.unlock();
            }
        }
        if (options.walSync() == StoreOptions.WalSyncPolicy.ALWAYS) {
            wal.sync(ticket);
        }
        return versions;
    }

    /** Locks each distinct stream once, in UUID order; returns the locked ones. */
    private static List<StreamState> lockInOrder(List<StreamInsert> inserts) {
        TreeMap<UUID, StreamState> distinct = new TreeMap<>();
        for (StreamInsert in : inserts) {
            distinct.put(in.state().uuid, in.state());
        }
        List<StreamState> locked = new ArrayList<>(distinct.size());
        for (StreamState s : distinct.values()) {
            s.writeLock.lock();
            locked.add(s);
        }
        return locked;
    }

    static Version version(StreamState s) {
        Head h = s.head;
        return new Version(h.committed.version(), h.pendingPoints);
    }

    Version flush(StreamState s) throws StoreException {
        s.writeLock.lock();
        try {
            s.requireLive();
            commitLocked(s);
            return version(s);
        } finally {
            s.writeLock.unlock();
        }
    }

    Version delete(StreamState s, long start, long end) throws StoreException {
        s.writeLock.lock();
        try {
            s.requireLive();
            commitLocked(s);
            Superblock committed = s.head.committed;
            long v = committed.version() + 1;
            Core root = new TreeWriter(loader, options.leafCapacity(), v).delete(rootOf(committed), start, end);
            persist(s, root, v, committed.walSeq());
            return version(s);
        } finally {
            s.writeLock.unlock();
        }
    }

    private void commitLocked(StreamState s) throws StoreException {
        Head h = s.head;
        if (h.pending.isEmpty()) {
            return;
        }
        persist(s, latestRoot(h), h.committed.version() + 1, h.lastSeq());
    }

    private void persist(StreamState s, Core root, long version, long walSeq) throws StoreException {
        Superblock sb = writeTree(s, root, version, walSeq);
        blocks.sync();
        meta.appendDurably(sb);
        s.committed(sb);
    }

    /** Writes the tree's new blocks (not yet synced) and returns the superblock that will name it. */
    private Superblock writeTree(StreamState s, Core root, long version, long walSeq) throws StoreException {
        TreePersister persister = new TreePersister((node, enc) -> {
            long address = blocks.write(ByteBuffer.wrap(enc.array(), 0, enc.size()));
            cache.put(address, node);
            return address;
        });
        long rootAddress = persister.persistRoot(root);
        return new Superblock(s.uuid, version, rootAddress, root.count(), walSeq,
                s.head.committed.treeBytes() + persister.bytesWritten());
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
                if (s.writeLock.tryLock()) {
                    locked.add(s);
                }
            }
            List<StreamState> committing = new ArrayList<>(locked.size());
            List<Superblock> superblocks = new ArrayList<>(locked.size());
            for (StreamState s : locked) {
                Head h = s.head;
                if (!s.obliterated && !h.pending.isEmpty()) {
                    superblocks.add(writeTree(s, latestRoot(h), h.committed.version() + 1, h.lastSeq()));
                    committing.add(s);
                }
            }
            if (committing.isEmpty()) {
                return;
            }
            blocks.sync();
            meta.appendAllDurably(superblocks);
            for (int i = 0; i < committing.size(); i++) {
                committing.get(i).committed(superblocks.get(i));
            }
        } finally {
            for (StreamState s : locked) {
                s.writeLock.unlock();
            }
        }
    }

    Core rootOf(Superblock sb) throws StoreException {
        return sb.rootAddress() == 0 ? TreeWriter.emptyRoot() : (Core) loader.load(sb.rootAddress());
    }

    /** The committed tree with the buffer applied (cached in the head), stamped with the next version. */
    Core latestRoot(Head h) throws StoreException {
        if (h.pending.isEmpty()) {
            return rootOf(h.committed);
        }
        Core overlay = h.overlay;
        if (overlay == null) {
            overlay = apply(rootOf(h.committed), h.pending, h.committed.version() + 1);
            h.overlay = overlay;
        }
        return overlay;
    }

    /** Applies batches in order; consecutive batches with one policy merge into one sorted run first. */
    private Core apply(Core root, List<Batch> pending, long version) throws StoreException {
        TreeWriter writer = new TreeWriter(loader, options.leafCapacity(), version);
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
                System.arraycopy(b.times(), 0, t, at, b.size());
                System.arraycopy(b.values(), 0, v, at, b.size());
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
