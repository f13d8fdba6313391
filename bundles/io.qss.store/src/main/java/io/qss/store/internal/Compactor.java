// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.StoreException;
import io.qss.store.api.Version;
import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.io.MetaLog;
import io.qss.store.internal.io.MetaRecord;
import io.qss.store.internal.io.MetaRecord.Superblock;
import io.qss.store.internal.io.SegmentBlockStore;
import io.qss.store.internal.tree.Core;
import io.qss.store.internal.tree.NodeCodec;
import io.qss.store.internal.tree.TreeGeometry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Frees the space of blocks that no kept version needs: blocks of obliterated streams, and with retention (by number
 * of versions, by age, or both, see {@link CompactionRetention}) the blocks only expired versions used. Block
 * segments are append-only, so space is freed a whole segment at a time:
 * <ol>
 * <li>a new segment is started; only the segments before it are candidates;</li>
 * <li><b>mark</b>: every block reachable from a kept version of a live stream counts as live in its segment;</li>
 * <li>a candidate whose live share is at most {@link #MAX_LIVE_SHARE} is a victim;</li>
 * <li><b>move</b>, one stream at a time under its commit lock (inserts go on): the live blocks in victims are
 *     copied to the new segment, and so is every core node above a moved block (with the new addresses); the
 *     blocks are synced, then a superblock for every version whose root moved (same version, new root: a later
 *     superblock of a version replaces the earlier) and the stream's expiry are made durable; then memory switches;
 *     </li>
 * <li>after a grace period for queries that started on the old trees, the victims are deleted (at once when all are
 *     empty: no tree ever pointed into them).</li>
 * </ol>
 * A crash before the superblocks are durable leaves the old trees in place and some unreferenced copies in the new
 * segment; a crash after leaves victims that nothing references, which the next run finds with no live block and
 * deletes. Checkpoints wait while it runs (so the moved versions reach the version runs as one). Not thread-safe;
 * one run at a time.
 */
final class Compactor {

    /** A segment with at most this share of live bytes is rewritten (its live blocks moved) and deleted. */
    static final double MAX_LIVE_SHARE = 0.5;

    /** What a run did. */
    record Result(int segmentsFreed, long bytesFreed, long blocksMoved, long versionsExpired) {}

    private final StreamCatalog catalog;
    private final SegmentBlockStore blocks;
    private final NodeLoader loader;
    private final MetaLog meta;
    private final CompactionRetention retention;

    Compactor(
            StreamCatalog catalog,
            SegmentBlockStore blocks,
            NodeLoader loader,
            MetaLog meta,
            CompactionRetention retention) {
        this.catalog = catalog;
        this.blocks = blocks;
        this.loader = loader;
        this.meta = meta;
        this.retention = retention;
    }

    Result run(long graceMillis) throws StoreException, InterruptedException {
        try (MetaLog.Pin pin = meta.pin()) {
            int boundary = blocks.startNewSegment();
            Map<Integer, Long> live = new HashMap<>();
            for (StreamState s : streams()) {
                mark(s, live);
            }
            Set<Integer> victims = victims(boundary, live);
            long moved = 0;
            long expired = 0;
            for (StreamState s : streams()) {
                long[] counts = move(s, victims);
                moved += counts[0];
                expired += counts[1];
            }
            if (victims.isEmpty()) {
                return new Result(0, 0, moved, expired);
            }
            blocks.sync();
            if (anyHoldsBytes(victims)) {
                Thread.sleep(graceMillis);
            }
            return new Result(victims.size(), blocks.deleteSegments(victims), moved, expired);
        }
    }

    /**
     * Whether a query may still read a victim: only a victim with bytes can hold a block some tree points into. An
     * empty one (the segment a previous run started and moved nothing into, as on an idle store) never held a block,
     * so no reader can hold an address in it and it goes without the grace period. Readers are not tracked, so any
     * victim with bytes gets the full grace: one of its blocks may belong to a version a query still reads.
     */
    private boolean anyHoldsBytes(Set<Integer> victims) throws StoreException {
        Map<Integer, Long> sizes = blocks.segmentSizes();
        for (int id : victims) {
            if (sizes.getOrDefault(id, 0L) > 0) {
                return true;
            }
        }
        return false;
    }

    private List<StreamState> streams() {
        List<StreamState> all = new ArrayList<>(catalog.all());
        all.sort(Comparator.comparing(s -> s.uuid));
        return all;
    }

    /** The oldest version of a stream that stays: the later of what each retention rule keeps. */
    private long oldestToKeep(StreamState s) throws StoreException {
        long head = s.head.committed.version();
        long oldest = Math.max(catalog.oldestKept(s.uuid), Version.FIRST);
        if (retention.versions() > 0) {
            oldest = Math.max(oldest, head - retention.versions() + 1);
        }
        return retention.days() > 0 ? oldestByAge(s, oldest, head) : oldest;
    }

    /**
     * The oldest version the age rule keeps: the one after the newest version below the head committed before the
     * cutoff. A version without a commit time (written before format 3) is not dropped for its own age but goes with
     * a later version that is, since it was committed before that one; so a store from before format 3 keeps every
     * version until one committed since has aged. Looks at the versions from the head down to the first one too old,
     * which marking reads anyway.
     */
    private long oldestByAge(StreamState s, long oldest, long head) throws StoreException {
        long cutoff = retention.cutoffMillis();
        for (long v = head - 1; v >= oldest; v--) {
            Superblock sb = superblock(s, v);
            if (sb != null && sb.hasCommitTime() && sb.commitMillis() < cutoff) {
                return v + 1;
            }
        }
        return oldest;
    }

    private List<Superblock> kept(StreamState s, long oldest) throws StoreException {
        List<Superblock> out = new ArrayList<>();
        long head = s.head.committed.version();
        for (long v = oldest; v <= head; v++) {
            Superblock sb = superblock(s, v);
            if (sb != null) {
                out.add(sb);
            }
        }
        return out;
    }

    /** A committed version, from memory or the version runs; null for a number the stream never had. */
    private Superblock superblock(StreamState s, long v) throws StoreException {
        Superblock sb = s.versions.get(v);
        if (sb == null && v > Version.FIRST) {
            sb = meta.findVersion(s.uuid, v);
        }
        return sb;
    }

    private void mark(StreamState s, Map<Integer, Long> live) throws StoreException {
        Set<Long> seen = new HashSet<>();
        for (Superblock sb : kept(s, oldestToKeep(s))) {
            markTree(sb.rootAddress(), seen, live);
        }
    }

    private void markTree(long address, Set<Long> seen, Map<Integer, Long> live) throws StoreException {
        if (address == 0 || !seen.add(address)) {
            return;
        }
        SegmentBlockStore.BlockHeader header = blocks.header(address);
        live.merge(SegmentBlockStore.segmentOf(address), (long) header.frameLength(), Long::sum);
        if (header.kind() == NodeCodec.CORE) {
            Core core = (Core) loader.load(address);
            for (int i = 0; i < TreeGeometry.FANOUT; i++) {
                if (core.hasChild(i)) {
                    markTree(core.slotAddress(i), seen, live);
                }
            }
        }
    }

    private Set<Integer> victims(int boundary, Map<Integer, Long> live) throws StoreException {
        Set<Integer> victims = new HashSet<>();
        for (Map.Entry<Integer, Long> seg : new TreeMap<>(blocks.segmentSizes()).entrySet()) {
            long size = seg.getValue();
            long liveBytes = live.getOrDefault(seg.getKey(), 0L);
            // an empty one (from a run that found nothing to move) goes too
            if (seg.getKey() < boundary && liveBytes <= size * MAX_LIVE_SHARE) {
                victims.add(seg.getKey());
            }
        }
        return victims;
    }

    /** Moves a stream's live blocks out of the victims and expires its old versions; returns {moved, expired}. */
    private long[] move(StreamState s, Set<Integer> victims) throws StoreException {
        s.commitLock.lock();
        try {
            if (s.obliterated) {
                return new long[2];
            }
            long oldest = oldestToKeep(s);
            long expired = Math.max(0, oldest - Math.max(catalog.oldestKept(s.uuid), Version.FIRST));
            Map<Long, Long> moved = new HashMap<>();
            List<MetaRecord> records = new ArrayList<>();
            for (Superblock sb : kept(s, oldest)) {
                long root = relocate(sb.rootAddress(), victims, moved);
                if (root != sb.rootAddress()) {
                    records.add(sb.withRoot(root));
                }
            }
            if (expired > 0) {
                records.add(new MetaRecord.Expire(s.uuid, oldest));
            }
            if (records.isEmpty()) {
                return new long[] {0, 0};
            }
            blocks.sync();
            meta.appendAllDurably(records);
            publish(s, records);
            long count = moved.entrySet().stream()
                    .filter(e -> !e.getKey().equals(e.getValue()))
                    .count();
            return new long[] {count, expired};
        } finally {
            s.commitLock.unlock();
        }
    }

    private void publish(StreamState s, List<MetaRecord> records) {
        for (MetaRecord r : records) {
            if (r instanceof Superblock sb) {
                s.versions.put(sb.version(), sb);
                if (sb.version() == s.head.committed.version()) {
                    // the head's tree moved: readers switch to it, the buffered points stay buffered
                    s.writeLock.lock();
                    try {
                        s.committed(sb, 0);
                    } finally {
                        s.writeLock.unlock();
                    }
                }
            } else if (r instanceof MetaRecord.Expire e) {
                catalog.expired(s, e.oldestKept());
            }
        }
    }

    /**
     * The address of a node after compaction: a copy if the node lies in a victim or any child moved, otherwise the
     * same; each node once per stream.
     */
    private long relocate(long address, Set<Integer> victims, Map<Long, Long> moved) throws StoreException {
        if (address == 0) {
            return 0;
        }
        Long done = moved.get(address);
        if (done != null) {
            return done;
        }
        SegmentBlockStore.BlockHeader header = blocks.header(address);
        long result = address;
        boolean inVictim = victims.contains(SegmentBlockStore.segmentOf(address));
        if (header.kind() == NodeCodec.CORE) {
            Core core = (Core) loader.load(address);
            long[] addresses = new long[TreeGeometry.FANOUT];
            boolean childMoved = false;
            for (int i = 0; i < TreeGeometry.FANOUT; i++) {
                if (core.hasChild(i)) {
                    addresses[i] = relocate(core.slotAddress(i), victims, moved);
                    childMoved |= addresses[i] != core.slotAddress(i);
                }
            }
            if (childMoved || inVictim) {
                ByteSink out = new ByteSink(1024);
                NodeCodec.encode(core.withAddresses(addresses), out);
                result = blocks.write(ByteBuffer.wrap(out.array(), 0, out.size()));
            }
        } else if (inVictim) {
            result = blocks.write(blocks.read(address));
        }
        moved.put(address, result);
        return result;
    }
}
