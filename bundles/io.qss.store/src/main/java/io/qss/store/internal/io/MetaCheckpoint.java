// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.io.MetaManifest.RunRef;
import io.qss.store.internal.io.MetaRecord.Superblock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Builds the next metadata checkpoint from files that no longer change: the current checkpoint and the closed
 * metadata logs after it. The result is a new checkpoint object (each live stream's newest properties and head
 * superblock, every obliterated id) and the logs' superblocks sorted into version runs, merged so that a run is
 * always less than half the size of the one before it (at most log2(versions) runs). Nothing existing is changed;
 * the caller makes the result current by writing its manifest, so a crash at any point leaves the old state.
 */
final class MetaCheckpoint {

    /** Superblocks sorted in memory at a time; a longer history becomes several runs, merged on disk. */
    static final int CHUNK = 1 << 20;

    /** The new manifest, the newest version per stream now in runs, and the runs it replaced by merging. */
    record Result(MetaManifest manifest, Map<UUID, Long> covered, List<RunRef> retired) {}

    private final StoreVolume volume;
    private final Map<UUID, MetaRecord.Props> props = new LinkedHashMap<>();
    private final Map<UUID, Superblock> heads = new HashMap<>();
    private final Set<UUID> obliterated = new HashSet<>();
    private final Map<UUID, Long> oldestKept = new HashMap<>();
    private final Map<UUID, Long> covered = new HashMap<>();
    private final List<Superblock> chunk = new ArrayList<>();
    private final List<RunRef> runs;
    private final List<RunRef> retired = new ArrayList<>();
    private long nextRunId;

    private MetaCheckpoint(StoreVolume volume, MetaManifest current) {
        this.volume = volume;
        this.runs = new ArrayList<>(current.runs());
        this.nextRunId = current.nextRunId();
    }

    /** Folds the current checkpoint and logs [current.firstLog, newFirstLog) into checkpoint newFirstLog. */
    static Result build(StoreVolume volume, MetaManifest current, long newFirstLog) throws StoreException {
        MetaCheckpoint c = new MetaCheckpoint(volume, current);
        if (current.firstLog() > 0) {
            c.read(MetaManifest.checkpoint(current.firstLog()), false);
        }
        for (long n = current.firstLog(); n < newFirstLog; n++) {
            c.read(MetaManifest.log(n), true);
        }
        c.flushChunk();
        long bytes = c.writeCheckpoint(MetaManifest.checkpoint(newFirstLog));
        MetaManifest next = new MetaManifest(newFirstLog, bytes, c.nextRunId, List.copyOf(c.runs));
        return new Result(next, Map.copyOf(c.covered), List.copyOf(c.retired));
    }

    private void read(String name, boolean isLog) throws StoreException {
        MetaLog.Replayed unused = MetaLog.replay(volume, name, rec -> apply(rec, isLog));
    }

    /** The same rules as replay on open: the first properties create a stream, obliteration is final. */
    private void apply(MetaRecord rec, boolean isLog) throws StoreException {
        if (rec instanceof MetaRecord.Props p) {
            props.put(p.stream(), p);
        } else if (rec instanceof Superblock sb && props.containsKey(sb.stream())) {
            // compaction's superblock of an older version it moved is not the head, though it comes last
            heads.merge(sb.stream(), sb, (head, later) -> later.version() >= head.version() ? later : head);
            if (isLog) {
                covered.merge(sb.stream(), sb.version(), Math::max);
                chunk.add(sb);
                if (chunk.size() >= CHUNK) {
                    flushChunk();
                }
            }
        } else if (rec instanceof MetaRecord.Obliterate o) {
            props.remove(o.stream());
            heads.remove(o.stream());
            oldestKept.remove(o.stream());
            obliterated.add(o.stream());
        } else if (rec instanceof MetaRecord.Expire e && props.containsKey(e.stream())) {
            oldestKept.merge(e.stream(), e.oldestKept(), Math::max);
        }
    }

    /** Sorts the buffered superblocks into a new run (a later record of one version wins, as on replay). */
    private void flushChunk() throws StoreException {
        if (chunk.isEmpty()) {
            return;
        }
        chunk.sort(VersionRun.ORDER);
        List<Superblock> unique = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            Superblock sb = chunk.get(i);
            boolean superseded = i + 1 < chunk.size() && VersionRun.ORDER.compare(sb, chunk.get(i + 1)) == 0;
            if (!superseded && isKept(sb)) {
                unique.add(sb);
            }
        }
        chunk.clear();
        long id = nextRunId++;
        int[] at = {0};
        long n = VersionRun.write(
                volume, MetaManifest.run(id), () -> at[0] < unique.size() ? unique.get(at[0]++) : null);
        runs.add(new RunRef(id, n));
        mergeTail();
    }

    /**
     * Merges the two newest runs while the newer is at least half the older: at most log2 runs, and each entry is
     * rewritten at most log2 times.
     */
    private void mergeTail() throws StoreException {
        while (runs.size() >= 2) {
            RunRef newer = runs.get(runs.size() - 1);
            RunRef older = runs.get(runs.size() - 2);
            if (newer.entries() * 2 < older.entries()) {
                return;
            }
            long id = nextRunId++;
            long n = VersionRun.write(volume, MetaManifest.run(id), merged(open(older), open(newer)));
            runs.remove(runs.size() - 1);
            runs.remove(runs.size() - 1);
            runs.add(new RunRef(id, n));
            retired.add(older);
            retired.add(newer);
        }
    }

    private VersionRun open(RunRef ref) throws StoreException {
        return VersionRun.open(volume, MetaManifest.run(ref.id()), ref.id(), ref.entries());
    }

    /** Both runs in order; on equal keys the newer run's entry wins; entries no longer kept are dropped. */
    private VersionRun.Source merged(VersionRun older, VersionRun newer) throws StoreException {
        VersionRun.Cursor a = older.cursor();
        VersionRun.Cursor b = newer.cursor();
        Superblock[] next = {a.next(), b.next()};
        return () -> {
            while (next[0] != null || next[1] != null) {
                Superblock out;
                int c = next[0] == null ? 1 : next[1] == null ? -1 : VersionRun.ORDER.compare(next[0], next[1]);
                if (c < 0) {
                    out = next[0];
                    next[0] = a.next();
                } else {
                    out = next[1];
                    next[1] = b.next();
                    if (c == 0) {
                        next[0] = a.next();
                    }
                }
                if (isKept(out)) {
                    return out;
                }
            }
            return null;
        };
    }

    /** False for versions of obliterated streams and versions that retention expired. */
    private boolean isKept(Superblock sb) {
        return !obliterated.contains(sb.stream()) && sb.version() >= oldestKept.getOrDefault(sb.stream(), 0L);
    }

    /**
     * Writes each live stream's properties, head and expiry, then the obliterated ids, over whatever a checkpoint cut
     * short left under that name; returns the object's length.
     */
    private long writeCheckpoint(String name) throws StoreException {
        RecordLog out = RecordLog.open(volume, name, 0);
        try {
            List<ByteSink> batch = new ArrayList<>();
            for (MetaRecord.Props p : props.values()) {
                add(out, batch, p);
                Superblock head = heads.get(p.stream());
                if (head != null) {
                    add(out, batch, head);
                }
                Long oldest = oldestKept.get(p.stream());
                if (oldest != null) {
                    add(out, batch, new MetaRecord.Expire(p.stream(), oldest));
                }
            }
            for (UUID id : obliterated) {
                add(out, batch, new MetaRecord.Obliterate(id));
            }
            if (!batch.isEmpty()) {
                out.appendAll(batch);
            }
            out.syncAll();
            return out.size();
        } finally {
            out.close();
        }
    }

    private static void add(RecordLog out, List<ByteSink> batch, MetaRecord rec) throws StoreException {
        ByteSink sink = new ByteSink(128);
        rec.encode(sink);
        batch.add(sink);
        if (batch.size() >= 4096) {
            out.appendAll(batch);
            batch.clear();
        }
    }
}
