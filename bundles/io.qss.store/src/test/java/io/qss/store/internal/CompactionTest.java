// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.CompactionResult;
import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StoreException;
import io.qss.store.api.Version;
import io.qss.store.file.FileVolumes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction frees the block segments of obliterated streams and of versions retention expired, and every kept
 * version answers exactly as before, in the running store, after reopening and after a metadata checkpoint.
 */
class CompactionTest {

    private static final long BASE = 1_600_000_000_000_000_000L;
    private static final UUID KEPT = new UUID(9, 1);
    private static final UUID GONE = new UUID(9, 2);

    @TempDir
    Path dir;

    /** 64 KiB block segments, so a few thousand points per stream fill many of them. */
    private static StoreOptions options() {
        return StoreOptions.defaults().withSegmentBytes(64L << 20, 64L << 10).withLeafCapacity(64);
    }

    @Test
    void givenObliteratedStreamInterleavedWithAnother_whenCompacted_thenSpaceFreedAndEveryVersionOfTheOtherIntact()
            throws Exception {
        Map<Long, List<RawPoint>> kept = new HashMap<>();
        long before;
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options())) {
            store.create(KEPT, "c/kept", Map.of(), Map.of());
            store.create(GONE, "c/gone", Map.of(), Map.of());
            for (int round = 0; round < 60; round++) {
                insert(store, KEPT, round, 40);
                kept.put(store.flush(KEPT).major(), null);
                insert(store, GONE, round, 400);
                store.flush(GONE);
            }
            for (long v : kept.keySet()) {
                kept.put(v, Collect.raw(store, KEPT, BASE, BASE + (1L << 40), v));
            }
            store.obliterate(GONE);
            before = store.usage().totalBytes();
            CompactionResult r = store.compact(0);
            assertTrue(r.segmentsFreed() > 0, r.toString());
            assertTrue(r.blocksMoved() > 0, "the kept stream's blocks shared segments with the gone one: " + r);
            assertTrue(store.usage().totalBytes() < before - r.bytesFreed() / 2, "usage after " + r);
            assertAll(store, kept);
            insert(store, KEPT, 61, 40);
            store.flush(KEPT);
        }
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options())) {
            assertAll(store, kept);
            store.checkpointMetadata();
        }
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options())) {
            assertAll(store, kept);
            assertEquals(0, store.compact(0).segmentsFreed(), "nothing left to free");
            assertAll(store, kept);
        }
    }

    @Test
    void givenIdleStore_whenCompactedAgain_thenTheEmptySegmentOfTheLastRunGoesWithoutTheGracePeriod() throws Exception {
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options())) {
            store.create(KEPT, "c/kept", Map.of(), Map.of());
            insert(store, KEPT, 0, 40);
            store.flush(KEPT);
            assertEquals(0, store.compact(0).segmentsFreed(), "every block is live");

            // a grace of ten minutes: the run must not wait it, since the only victim never held a block
            CompactionResult r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> store.compact(600_000));

            assertEquals(1, r.segmentsFreed(), r.toString());
            assertEquals(0, r.bytesFreed(), r.toString());
            assertEquals(40, store.count(KEPT, BASE, BASE + (1L << 40), 0));
        }
    }

    @Test
    void givenObliteratedStream_whenCompacted_thenItsSegmentGoesOnlyAfterTheGracePeriod() throws Exception {
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options())) {
            store.create(GONE, "c/gone", Map.of(), Map.of());
            insert(store, GONE, 0, 400);
            store.flush(GONE);
            store.obliterate(GONE);
            long start = System.nanoTime();

            CompactionResult r = store.compact(1_000);

            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(r.bytesFreed() > 0, r.toString());
            assertTrue(waitedMillis >= 1_000, "a segment readers may hold went after " + waitedMillis + " ms");
        }
    }

    @Test
    void givenRetentionOfThreeVersions_whenCompacted_thenOlderVersionsGoneKeptOnesIntactAndSpaceFreed()
            throws Exception {
        Map<Long, List<RawPoint>> all = new HashMap<>();
        StoreOptions options = options().withRetentionVersions(3);
        long head;
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options)) {
            store.create(KEPT, "c/kept", Map.of(), Map.of());
            for (int round = 0; round < 80; round++) {
                // each version rewrites the same leaves (REPLACE), so old versions' blocks become garbage
                insertReplacing(store, KEPT, round, 300);
                long v = store.flush(KEPT).major();
                all.put(v, Collect.raw(store, KEPT, BASE, BASE + (1L << 40), v));
            }
            head = store.version(KEPT).major();
            long before = store.usage().totalBytes();
            CompactionResult r = store.compact(0);
            assertEquals(head - 3 + 1 - io.qss.store.api.Version.FIRST, r.versionsExpired(), r.toString());
            assertTrue(
                    r.bytesFreed() > before / 2,
                    "most blocks belonged to expired versions: " + r + ", before=" + before);
            assertRetained(store, all, head);
        }
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options)) {
            assertRetained(store, all, head);
            store.checkpointMetadata();
        }
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options)) {
            assertRetained(store, all, head);
        }
    }

    /**
     * Compaction writes a superblock for each kept version whose tree moved, in version order; when an older kept
     * version moved and the head did not, that record is the last of the stream in the log. Replay and checkpoints
     * must not take it for the head (the head would go back, the log's later inserts would return to the buffer and
     * the next commit would reuse a version number).
     */
    @Test
    void givenOlderKeptVersionMovedButNotTheHead_whenReopenedAndCheckpointed_thenTheHeadStays() throws Exception {
        StoreOptions options = options().withRetentionVersions(30);
        Map<Long, List<RawPoint>> all = new HashMap<>();
        Version head;
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options)) {
            store.create(KEPT, "c/kept", Map.of(), Map.of());
            for (int round = 0; round < 50; round++) {
                insertReplacing(store, KEPT, round, 300);
                long v = store.flush(KEPT).major();
                all.put(v, Collect.raw(store, KEPT, BASE, BASE + (1L << 40), v));
            }
            head = store.version(KEPT);
            CompactionResult r = store.compact(0);
            assertTrue(r.blocksMoved() > 0, "an older kept version must move for this test: " + r);
        }
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options)) {
            assertEquals(head, store.version(KEPT));
            store.checkpointMetadata();
        }
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options)) {
            assertEquals(head, store.version(KEPT));
            for (long v = head.major() - 29; v <= head.major(); v++) {
                assertEquals(all.get(v), Collect.raw(store, KEPT, BASE, BASE + (1L << 40), v), "version " + v);
            }
        }
    }

    private static void assertRetained(TimeSeriesStoreImpl store, Map<Long, List<RawPoint>> all, long head)
            throws StoreException {
        for (Map.Entry<Long, List<RawPoint>> e : all.entrySet()) {
            if (e.getKey() > head - 3) {
                assertEquals(
                        e.getValue(),
                        Collect.raw(store, KEPT, BASE, BASE + (1L << 40), e.getKey()),
                        "version " + e.getKey());
            } else {
                long v = e.getKey();
                assertEquals(
                        ErrorCode.VERSION_NOT_AVAILABLE,
                        assertThrows(StoreException.class, () -> store.count(KEPT, BASE, BASE + 1, v))
                                .code(),
                        "version " + v);
            }
        }
    }

    private static void assertAll(TimeSeriesStoreImpl store, Map<Long, List<RawPoint>> kept) throws StoreException {
        for (Map.Entry<Long, List<RawPoint>> e : kept.entrySet()) {
            assertEquals(
                    e.getValue(),
                    Collect.raw(store, KEPT, BASE, BASE + (1L << 40), e.getKey()),
                    "version " + e.getKey());
        }
    }

    private static void insert(TimeSeriesStoreImpl store, UUID id, int round, int n) throws StoreException {
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = BASE + ((long) round * n + i) * 1_000_003L;
            v[i] = round * 1000 + i * 0.5;
        }
        store.insert(id, t, v, 0, n, MergePolicy.NEVER);
    }

    private static void insertReplacing(TimeSeriesStoreImpl store, UUID id, int round, int n) throws StoreException {
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = BASE + i * 1_000_003L;
            v[i] = round * 1000 + i;
        }
        store.insert(id, t, v, 0, n, MergePolicy.REPLACE);
    }
}
