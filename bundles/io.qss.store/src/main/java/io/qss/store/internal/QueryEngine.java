// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.ChangedRange;
import io.qss.store.api.Changes;
import io.qss.store.api.ErrorCode;
import io.qss.store.api.RawConsumer;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StatConsumer;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import io.qss.store.internal.io.MetaRecord.Superblock;
import io.qss.store.internal.tree.Core;
import io.qss.store.internal.tree.TreeReader;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The read path: resolves a version to an immutable root and runs the query on it without any lock, so readers
 * never wait for writers and old versions stay readable while new ones are written. Thread-safe.
 */
final class QueryEngine {

    /** A root and the major version it answers for. */
    record Snapshot(long major, Core root) {}

    /** Finds a version no longer held in memory (moved into the metadata checkpoint's version runs). */
    @FunctionalInterface
    interface OlderVersions {
        Superblock find(UUID stream, long version) throws StoreException;
    }

    private final CommitEngine commits;
    private final TreeReader reader;
    private final OlderVersions older;

    QueryEngine(CommitEngine commits, TreeReader reader, OlderVersions older) {
        this.commits = commits;
        this.reader = reader;
        this.older = older;
    }

    Snapshot snapshot(StreamState s, long version) throws StoreException {
        if (version == Version.LATEST) {
            while (true) {
                Head h = s.head;
                try {
                    return new Snapshot(h.committed.version(), commits.latestRoot(h));
                } catch (PointBuffer.Released e) {
                    // a commit took this head's buffered points meanwhile: the head it switched to holds them
                }
            }
        }
        Superblock sb = s.versions.get(version);
        if (sb == null && version > Version.FIRST && version <= s.head.committed.version()) {
            sb = older.find(s.uuid, version);
        }
        if (sb == null) {
            throw new StoreException(
                    ErrorCode.VERSION_NOT_AVAILABLE,
                    "version not available [stream=" + s.uuid + ", version=" + version + "]");
        }
        return new Snapshot(version, commits.rootOf(sb));
    }

    long raw(StreamState s, long start, long end, long version, RawConsumer consumer) throws StoreException {
        Validation.range(s.uuid, start, end);
        Snapshot snap = snapshot(s, version);
        reader.raw(snap.root(), start, end, consumer);
        return snap.major();
    }

    long aligned(StreamState s, long start, long end, int pw, long version, StatConsumer consumer)
            throws StoreException {
        Validation.pointWidth(s.uuid, pw);
        Validation.range(s.uuid, start, end);
        Snapshot snap = snapshot(s, version);
        long mask = -(1L << pw);
        long lo = start & mask;
        long hi = end & mask;
        if (lo < hi) {
            reader.aligned(snap.root(), lo, hi, pw, consumer);
        }
        return snap.major();
    }

    long windows(StreamState s, long start, long end, long width, int depth, long version, StatConsumer consumer)
            throws StoreException {
        Validation.range(s.uuid, start, end);
        Validation.pointWidth(s.uuid, depth);
        if (width <= 0) {
            throw new StoreException(
                    ErrorCode.WRONG_ARGS, "window width must be positive [stream=" + s.uuid + ", width=" + width + "]");
        }
        Snapshot snap = snapshot(s, version);
        reader.windows(snap.root(), start, end, width, depth, consumer);
        return snap.major();
    }

    Optional<RawPoint> nearest(StreamState s, long time, boolean backward, long version) throws StoreException {
        if (time < TimeSeriesStore.MIN_TIME || time > TimeSeriesStore.MAX_TIME) {
            throw new StoreException(
                    ErrorCode.INVALID_TIME_RANGE,
                    "nearest time out of range [stream=" + s.uuid + ", time=" + time + "]");
        }
        if (version == Version.LATEST) {
            BufferedNearest.Outcome outcome = nearestBeforeApplying(s, time, backward);
            if (outcome.decided()) {
                return Optional.ofNullable(outcome.point());
            }
        }
        Snapshot snap = snapshot(s, version);
        return Optional.ofNullable(backward ? reader.last(snap.root(), time) : reader.first(snap.root(), time));
    }

    /**
     * The latest version's nearest point from the committed tree and the buffered batches as they are
     * ({@link BufferedNearest}); undecided when nothing is buffered or the buffer is already applied (the tree then
     * answers at once), or when the merge policies must decide.
     */
    private BufferedNearest.Outcome nearestBeforeApplying(StreamState s, long time, boolean backward)
            throws StoreException {
        while (true) {
            Head h = s.head;
            if (h.pending.isEmpty() || h.overlay != null) {
                return BufferedNearest.Outcome.UNDECIDED;
            }
            Core root = commits.rootOf(h.committed);
            RawPoint committed = backward ? reader.last(root, time) : reader.first(root, time);
            try {
                return BufferedNearest.find(h.pending, committed, time, backward);
            } catch (PointBuffer.Released e) {
                // a commit took this head's buffered points meanwhile: the head it switched to holds them
            }
        }
    }

    long count(StreamState s, long start, long end, long version) throws StoreException {
        Validation.range(s.uuid, start, end);
        return reader.count(snapshot(s, version).root(), start, end);
    }

    Changes changes(StreamState s, long from, long to, int resolution) throws StoreException {
        Validation.pointWidth(s.uuid, resolution);
        long target = to == Version.LATEST ? s.head.committed.version() : to;
        long since = Math.max(from, 1);
        if (since > target) {
            throw new StoreException(
                    ErrorCode.INVALID_VERSIONS,
                    "from version after to version [stream=" + s.uuid + ", from=" + from + ", to=" + target + "]");
        }
        Snapshot snap = snapshot(s, target);
        List<ChangedRange> ranges = reader.changes(snap.root(), since, resolution);
        return new Changes(target, ranges);
    }
}
