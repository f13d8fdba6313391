// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The versioned time-series store (BTrDB v5 semantics). Times are int64 nanoseconds since the Unix epoch within
 * [{@link #MIN_TIME}, {@link #MAX_TIME}); ranges are half-open {@code [start, end)}. A {@code version} argument of
 * {@link Version#LATEST} (0) means the latest version including buffered points; any other value names a committed
 * major version.
 *
 * <p>Thread-safe: any number of threads may read and write at once; readers never wait for writers. Calls that write
 * block until the data is durable (as configured) and may block on disk I/O; queries may block on disk reads.
 */
@ProviderType
public interface TimeSeriesStore {

    /** Smallest storable time, {@code -(16 << 56)} ns (1933-06-20). */
    long MIN_TIME = -(16L << 56);

    /** Exclusive upper bound of storable times, {@code 48 << 56} ns (2079-08-08). */
    long MAX_TIME = 48L << 56;

    /** Creates an empty stream at version {@link Version#FIRST}. */
    StreamInfo create(UUID uuid, String collection, Map<String, String> tags, Map<String, String> annotations)
            throws StoreException;

    /** The stream's metadata, or empty when it does not exist. */
    Optional<StreamInfo> stream(UUID uuid);

    /**
     * Streams whose collection equals {@code collection} (or starts with it when {@code isPrefix}), that have every
     * given tag and annotation; a null map value matches any value of that key. Sorted by collection, then UUID.
     */
    List<StreamInfo> lookup(
            String collection, boolean isPrefix, Map<String, String> tags, Map<String, String> annotations);

    /** Distinct collections starting with {@code prefix} (empty = all), sorted. */
    List<String> listCollections(String prefix);

    /**
     * Sets and removes annotations if the property version is still {@code expectedPropertyVersion}.
     *
     * @return the new property version
     * @throws StoreException {@link ErrorCode#ANNOTATION_VERSION_MISMATCH} when another update came first
     */
    long setAnnotations(
            UUID uuid, long expectedPropertyVersion, Map<String, String> changes, Collection<String> removals)
            throws StoreException;

    /**
     * Sets and removes tags and optionally moves the stream to another collection (null = keep), if the property
     * version is still {@code expectedPropertyVersion}.
     *
     * @return the new property version
     */
    long setTags(
            UUID uuid,
            long expectedPropertyVersion,
            String collection,
            Map<String, String> changes,
            Collection<String> removals)
            throws StoreException;

    /** Removes the stream and all its versions from view; its UUID cannot be reused. */
    void obliterate(UUID uuid) throws StoreException;

    /**
     * Inserts points {@code [offset, offset + length)} of the arrays (any order) and returns when they are
     * durable. The arrays are copied. Values must be finite.
     *
     * @return the stream's version after the insert (buffered points show as minor version)
     */
    Version insert(UUID uuid, long[] times, double[] values, int offset, int length, MergePolicy policy)
            throws StoreException;

    /**
     * Inserts points into many streams and returns when all are durable, with one write-ahead-log append and one
     * fsync for the whole call. Every batch is checked as {@link #insert} checks it before anything is written, so a
     * failing check (unknown stream, bad arguments, full volume) names the stream and writes nothing. Atomic per
     * stream: after a crash, a stream holds all points of its batch or none. Batches of one stream apply in list
     * order. Keeps nothing of the batches' arrays once it returns, so the caller may fill them again.
     *
     * @return in list order, each stream's version after its batch (after the whole call for an empty batch)
     * @throws StoreException with the codes of {@link #insert}; {@link ErrorCode#UNAVAILABLE} when closed
     */
    List<Version> insertAll(List<StreamBatch> batches) throws StoreException;

    /** Commits buffered points, then removes points in {@code [start, end)} as a commit of its own. */
    Version delete(UUID uuid, long start, long end) throws StoreException;

    /** Commits buffered points now; returns the version afterwards. */
    Version flush(UUID uuid) throws StoreException;

    /** The current version (major committed, minor buffered points). */
    Version version(UUID uuid) throws StoreException;

    /**
     * Streams points in {@code [start, end)}, sorted by time (equal times in storage order), in chunks.
     *
     * @return the major version answered
     */
    long rawValues(UUID uuid, long start, long end, long version, RawConsumer consumer) throws StoreException;

    /**
     * Statistics of the non-empty windows of width {@code 2^pointWidth} ns aligned to multiples of it, for window
     * starts in {@code [start, end)} after both are rounded down to such a multiple. Cost grows with the number of
     * windows, not of points.
     *
     * @param pointWidth 0 to 63
     * @return the major version answered
     */
    long alignedWindows(UUID uuid, long start, long end, int pointWidth, long version, StatConsumer consumer)
            throws StoreException;

    /**
     * Statistics of every window {@code [start + k*width, start + (k+1)*width)} that ends by {@code end} (the end is
     * truncated to a whole number of windows); empty windows are reported with count 0. A child whose point width
     * is below {@code depth} counts wholly in the window that holds its start (approximate, faster); use 0 to be
     * exact.
     *
     * @return the major version answered
     */
    long windows(UUID uuid, long start, long end, long width, int depth, long version, StatConsumer consumer)
            throws StoreException;

    /** The first point at or after {@code time} (forward), or the last point strictly before it (backward). */
    Optional<RawPoint> nearest(UUID uuid, long time, boolean backward, long version) throws StoreException;

    /** The first point of the stream at the given version, or empty. */
    Optional<RawPoint> earliest(UUID uuid, long version) throws StoreException;

    /** The last point of the stream at the given version, or empty. */
    Optional<RawPoint> latest(UUID uuid, long version) throws StoreException;

    /** Number of points in {@code [start, end)} at the given version. */
    long count(UUID uuid, long start, long end, long version) throws StoreException;

    /**
     * Ranges where points changed after committed version {@code fromVersion} up to and including {@code
     * toVersion} (0 = latest committed), no finer than {@code 2^resolution} ns where the tree allows.
     */
    Changes changes(UUID uuid, long fromVersion, long toVersion, int resolution) throws StoreException;

    /** Disk space used by the store and free on its volume; answers from counters, without blocking I/O. */
    SpaceUsage usage();

    /**
     * Writes a consistent copy of the store into {@code target} (a new or empty directory) while inserts and commits
     * go on: every insert acknowledged before the call started is in the copy, no batch is in it partially, and the
     * copy opens as a store of its own. See docs/store-format.md, "Snapshots".
     *
     * @return the files written, absolute paths under {@code target}
     */
    default List<Path> snapshot(Path target) throws StoreException {
        throw new StoreException(ErrorCode.UNAVAILABLE, "snapshots not supported [target=" + target + "]");
    }

    /**
     * Frees disk space that no kept version needs (API 1.3.0): blocks of obliterated streams and, when a retention
     * is configured, blocks only expired versions used. Inserts go on; commits of a stream wait while its blocks are
     * moved. Returns after a grace period for queries that started before, once the space is free. See
     * docs/store-format.md, "Compaction".
     */
    default CompactionResult compact() throws StoreException {
        throw new StoreException(ErrorCode.UNAVAILABLE, "compaction not supported");
    }
}
