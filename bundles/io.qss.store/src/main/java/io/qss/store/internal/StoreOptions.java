// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

/**
 * Tuning of a store instance; the OSGi component maps its configuration onto this. Immutable.
 *
 * @param commitMaxPoints a stream's buffer is committed once it holds this many points
 * @param commitMaxAgeMillis ... or once its oldest point has waited this long
 * @param walSync when inserts are fsynced
 * @param walSyncIntervalMillis fsync period for {@link WalSyncPolicy#PERIODIC}
 * @param cacheBytes heap budget of the decoded block cache
 * @param maxInsertPoints largest accepted insert call (at least 50,000, what BTrDB clients send)
 * @param leafCapacity points per leaf before it splits (BTrDB: 1024)
 * @param walSegmentBytes write-ahead log segment size before rotation
 * @param blockSegmentBytes block segment file size before rotation
 * @param diskFullFraction inserts fail with RESOURCE_DEPLETED above this used fraction of the volume
 * @param bufferBytes memory all stream buffers may hold together (outside the heap); 0 = {@link #DEFAULT_BUFFER_HEAP_FRACTION} of the
 *        maximum heap
 * @param bufferWaitMillis longest an insert waits for buffer room before it fails with RESOURCE_DEPLETED
 * @param metaCheckpointBytes the metadata log is folded into a checkpoint once it grows this large, which bounds
 *     what opening replays
 * @param retentionVersions versions kept per stream by compaction, counting the latest; 0 keeps every version
 * @param retentionDays compaction drops versions committed more than this many days before it, always keeping each
 *     stream's latest; 0 keeps versions of any age. With {@code retentionVersions} too, a version goes when either
 *     rule drops it
 */
public record StoreOptions(
        int commitMaxPoints,
        long commitMaxAgeMillis,
        WalSyncPolicy walSync,
        long walSyncIntervalMillis,
        long cacheBytes,
        int maxInsertPoints,
        int leafCapacity,
        long walSegmentBytes,
        long blockSegmentBytes,
        double diskFullFraction,
        long bufferBytes,
        long bufferWaitMillis,
        long metaCheckpointBytes,
        int retentionVersions,
        int retentionDays) {

    /** Share of the maximum heap the buffers may hold when {@code bufferBytes} is 0. */
    public static final double DEFAULT_BUFFER_HEAP_FRACTION = 0.4;

    /** Default of {@code bufferWaitMillis}. */
    public static final long DEFAULT_BUFFER_WAIT_MILLIS = 30_000;

    /** When acknowledged inserts reach the disk. */
    public enum WalSyncPolicy {
        /** fsync before insert returns, one fsync shared by concurrent inserts (safe default). */
        ALWAYS,
        /** fsync every walSyncIntervalMillis; a crash may lose that much acknowledged data. */
        PERIODIC
    }

    public static StoreOptions defaults() {
        return new StoreOptions(
                32768,
                60_000,
                WalSyncPolicy.ALWAYS,
                100,
                256L << 20,
                1_000_000,
                1024,
                64L << 20,
                1L << 30,
                0.98,
                0,
                DEFAULT_BUFFER_WAIT_MILLIS,
                16L << 20,
                0,
                0);
    }

    public StoreOptions withCommit(int maxPoints, long maxAgeMillis) {
        return new StoreOptions(
                maxPoints,
                maxAgeMillis,
                walSync,
                walSyncIntervalMillis,
                cacheBytes,
                maxInsertPoints,
                leafCapacity,
                walSegmentBytes,
                blockSegmentBytes,
                diskFullFraction,
                bufferBytes,
                bufferWaitMillis,
                metaCheckpointBytes,
                retentionVersions,
                retentionDays);
    }

    public StoreOptions withWalSync(WalSyncPolicy policy, long intervalMillis) {
        return new StoreOptions(
                commitMaxPoints,
                commitMaxAgeMillis,
                policy,
                intervalMillis,
                cacheBytes,
                maxInsertPoints,
                leafCapacity,
                walSegmentBytes,
                blockSegmentBytes,
                diskFullFraction,
                bufferBytes,
                bufferWaitMillis,
                metaCheckpointBytes,
                retentionVersions,
                retentionDays);
    }

    public StoreOptions withCacheBytes(long bytes) {
        return new StoreOptions(
                commitMaxPoints,
                commitMaxAgeMillis,
                walSync,
                walSyncIntervalMillis,
                bytes,
                maxInsertPoints,
                leafCapacity,
                walSegmentBytes,
                blockSegmentBytes,
                diskFullFraction,
                bufferBytes,
                bufferWaitMillis,
                metaCheckpointBytes,
                retentionVersions,
                retentionDays);
    }

    public StoreOptions withLeafCapacity(int capacity) {
        return new StoreOptions(
                commitMaxPoints,
                commitMaxAgeMillis,
                walSync,
                walSyncIntervalMillis,
                cacheBytes,
                maxInsertPoints,
                capacity,
                walSegmentBytes,
                blockSegmentBytes,
                diskFullFraction,
                bufferBytes,
                bufferWaitMillis,
                metaCheckpointBytes,
                retentionVersions,
                retentionDays);
    }

    /**
     * These options with segments that fit in objects of at most {@code maxObjectBytes}: a block segment ends before
     * a block would cross its size, so it may be as large as an object; a log segment is closed only after a record
     * crossed its size, so it gets half, leaving the other half for that last record.
     */
    public StoreOptions fitObjectLimit(long maxObjectBytes) {
        long wal = Math.min(walSegmentBytes, maxObjectBytes / 2);
        long block = Math.min(blockSegmentBytes, maxObjectBytes);
        return wal == walSegmentBytes && block == blockSegmentBytes ? this : withSegmentBytes(wal, block);
    }

    public StoreOptions withSegmentBytes(long walBytes, long blockBytes) {
        return new StoreOptions(
                commitMaxPoints,
                commitMaxAgeMillis,
                walSync,
                walSyncIntervalMillis,
                cacheBytes,
                maxInsertPoints,
                leafCapacity,
                walBytes,
                blockBytes,
                diskFullFraction,
                bufferBytes,
                bufferWaitMillis,
                metaCheckpointBytes,
                retentionVersions,
                retentionDays);
    }

    public StoreOptions withDiskFullFraction(double fraction) {
        return new StoreOptions(
                commitMaxPoints,
                commitMaxAgeMillis,
                walSync,
                walSyncIntervalMillis,
                cacheBytes,
                maxInsertPoints,
                leafCapacity,
                walSegmentBytes,
                blockSegmentBytes,
                fraction,
                bufferBytes,
                bufferWaitMillis,
                metaCheckpointBytes,
                retentionVersions,
                retentionDays);
    }

    public StoreOptions withBuffer(long bytes, long waitMillis) {
        return new StoreOptions(
                commitMaxPoints,
                commitMaxAgeMillis,
                walSync,
                walSyncIntervalMillis,
                cacheBytes,
                maxInsertPoints,
                leafCapacity,
                walSegmentBytes,
                blockSegmentBytes,
                diskFullFraction,
                bytes,
                waitMillis,
                metaCheckpointBytes,
                retentionVersions,
                retentionDays);
    }

    public StoreOptions withMetaCheckpointBytes(long bytes) {
        return new StoreOptions(
                commitMaxPoints,
                commitMaxAgeMillis,
                walSync,
                walSyncIntervalMillis,
                cacheBytes,
                maxInsertPoints,
                leafCapacity,
                walSegmentBytes,
                blockSegmentBytes,
                diskFullFraction,
                bufferBytes,
                bufferWaitMillis,
                bytes,
                retentionVersions,
                retentionDays);
    }

    public StoreOptions withRetentionVersions(int versions) {
        return new StoreOptions(
                commitMaxPoints,
                commitMaxAgeMillis,
                walSync,
                walSyncIntervalMillis,
                cacheBytes,
                maxInsertPoints,
                leafCapacity,
                walSegmentBytes,
                blockSegmentBytes,
                diskFullFraction,
                bufferBytes,
                bufferWaitMillis,
                metaCheckpointBytes,
                versions,
                retentionDays);
    }

    public StoreOptions withRetentionDays(int days) {
        return new StoreOptions(
                commitMaxPoints,
                commitMaxAgeMillis,
                walSync,
                walSyncIntervalMillis,
                cacheBytes,
                maxInsertPoints,
                leafCapacity,
                walSegmentBytes,
                blockSegmentBytes,
                diskFullFraction,
                bufferBytes,
                bufferWaitMillis,
                metaCheckpointBytes,
                retentionVersions,
                days);
    }

    /** The buffer budget in bytes, {@code bufferBytes} resolved against the heap of this JVM. */
    public long effectiveBufferBytes() {
        return bufferBytes > 0 ? bufferBytes : (long) (Runtime.getRuntime().maxMemory() * DEFAULT_BUFFER_HEAP_FRACTION);
    }
}
