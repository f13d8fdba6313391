// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StoreException;
import io.qss.store.api.Version;
import io.qss.store.file.FileVolumes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata checkpoint: after it, opening replays a head per stream instead of every commit, and every old
 * version still answers exactly as before (looked up in the version runs).
 */
class MetaCheckpointTest {

    private static final long BASE = 1_600_000_000_000_000_000L;
    private static final UUID A = new UUID(7, 1);
    private static final UUID B = new UUID(7, 2);
    private static final UUID GONE = new UUID(7, 3);

    @TempDir
    Path dir;

    /** Small checkpoints: one every few dozen commits, so a few hundred commits make many checkpoints and merges. */
    private static StoreOptions options() {
        return StoreOptions.defaults().withMetaCheckpointBytes(2048);
    }

    @Test
    void givenManyCheckpoints_whenReopened_thenEveryVersionAnswersAsWhenItWasCommitted() throws Exception {
        Map<Long, List<RawPoint>> atVersionA = new HashMap<>();
        Map<Long, Long> countAtVersionB = new HashMap<>();
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options())) {
            store.create(A, "ckpt/a", Map.of("unit", "V"), Map.of());
            store.create(B, "ckpt/b", Map.of(), Map.of());
            store.create(GONE, "ckpt/gone", Map.of(), Map.of());
            for (int i = 0; i < 300; i++) {
                store.insert(A, new long[] {BASE + i}, new double[] {i}, 0, 1, MergePolicy.NEVER);
                long va = store.flush(A).major();
                if (i % 50 == 49) {
                    va = store.delete(A, BASE + i - 10, BASE + i - 5).major();
                }
                atVersionA.put(va, Collect.raw(store, A, BASE, BASE + 1000, va));
                store.insert(B, new long[] {BASE + i, BASE + i + 1}, new double[] {1, 2}, 0, 2, MergePolicy.REPLACE);
                long vb = store.flush(B).major();
                countAtVersionB.put(vb, store.count(B, BASE, BASE + 1000, vb));
                if (i == 100) {
                    store.insert(GONE, new long[] {BASE}, new double[] {1}, 0, 1, MergePolicy.NEVER);
                    store.flush(GONE);
                    store.obliterate(GONE);
                }
                if (i == 200) {
                    store.setAnnotations(A, 0, Map.of("note", "two hundred"), List.of());
                }
            }
            store.checkpointMetadata();
        }
        assertFalse(Files.exists(dir.resolve("meta.log")), "the first log is folded into a checkpoint");
        assertTrue(Files.exists(dir.resolve("CHECKPOINT")));
        assertTrue(runFiles() <= 12, "runs are merged: " + runFiles());

        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options())) {
            for (Map.Entry<Long, List<RawPoint>> e : atVersionA.entrySet()) {
                assertEquals(e.getValue(), Collect.raw(store, A, BASE, BASE + 1000, e.getKey()), "A@" + e.getKey());
            }
            for (Map.Entry<Long, Long> e : countAtVersionB.entrySet()) {
                assertEquals(e.getValue(), store.count(B, BASE, BASE + 1000, e.getKey()), "B@" + e.getKey());
            }
            assertEquals(List.of(), Collect.raw(store, A, BASE, BASE + 1000, Version.FIRST));
            assertEquals(
                    "two hundred", store.stream(A).orElseThrow().annotations().get("note"));
            assertEquals(1, store.stream(A).orElseThrow().propertyVersion());
            assertEquals(
                    ErrorCode.REUSED_UUID,
                    assertThrows(StoreException.class, () -> store.create(GONE, "again", Map.of(), Map.of()))
                            .code());
            long head = store.version(A).major();
            assertEquals(
                    ErrorCode.VERSION_NOT_AVAILABLE,
                    assertThrows(StoreException.class, () -> store.count(A, BASE, BASE + 1, head + 1))
                            .code());
            assertEquals(
                    ErrorCode.VERSION_NOT_AVAILABLE,
                    assertThrows(StoreException.class, () -> store.count(A, BASE, BASE + 1, 5))
                            .code());
        }
    }

    @Test
    void givenCheckpointedStore_whenSnapshotted_thenCopyAnswersOldVersions() throws Exception {
        Path copy = dir.resolveSibling(dir.getFileName() + "-copy");
        long v;
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options())) {
            store.create(A, "ckpt/a", Map.of(), Map.of());
            for (int i = 0; i < 120; i++) {
                store.insert(A, new long[] {BASE + i}, new double[] {i}, 0, 1, MergePolicy.NEVER);
                store.flush(A);
            }
            store.checkpointMetadata();
            v = store.version(A).major();
            store.insert(A, new long[] {BASE + 500}, new double[] {5}, 0, 1, MergePolicy.NEVER);
            store.flush(A);
            store.snapshot(copy);
        }
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(copy), options())) {
            assertEquals(121, store.count(A, BASE, BASE + 1000, 0));
            assertEquals(120, store.count(A, BASE, BASE + 1000, v));
            assertEquals(1, store.count(A, BASE, BASE + 1000, 11));
        }
    }

    @Test
    void givenFilesOfAnInterruptedCheckpoint_whenOpened_thenIgnoredAndRemovedAndNothingLost() throws Exception {
        try (TimeSeriesStoreImpl store =
                TimeSeriesStoreImpl.open(FileVolumes.open(dir), options().withMetaCheckpointBytes(1L << 40))) {
            store.create(A, "ckpt/a", Map.of(), Map.of());
            for (int i = 0; i < 50; i++) {
                store.insert(A, new long[] {BASE + i}, new double[] {i}, 0, 1, MergePolicy.NEVER);
                store.flush(A);
            }
            store.checkpointMetadata();
            for (int i = 50; i < 60; i++) {
                store.insert(A, new long[] {BASE + i}, new double[] {i}, 0, 1, MergePolicy.NEVER);
                store.flush(A);
            }
        }
        // what a kill -9 in the middle of the next checkpoint leaves: the next log started (empty), a half-written
        // checkpoint, a half-written run, a manifest never renamed into place
        Files.write(dir.resolve("meta-00000002.log"), new byte[0]);
        Files.write(dir.resolve("checkpoint-00000002.meta"), new byte[] {9, 0, 0, 0, 1, 2});
        Files.write(dir.resolve("versions-00000099.run"), new byte[] {'Q', 'S'});
        Files.write(dir.resolve("CHECKPOINT.tmp"), new byte[] {1});
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options())) {
            assertEquals(60, store.count(A, BASE, BASE + 1000, 0));
            assertEquals(10 + 60, store.version(A).major());
            for (long v = 11; v <= 70; v++) {
                assertEquals(v - 10, store.count(A, BASE, BASE + 1000, v), "version " + v);
            }
        }
        assertFalse(Files.exists(dir.resolve("checkpoint-00000002.meta")));
        assertFalse(Files.exists(dir.resolve("versions-00000099.run")));
        assertFalse(Files.exists(dir.resolve("CHECKPOINT.tmp")));
    }

    @Test
    void givenMissingMetadataLog_whenOpened_thenRefusedNamingIt() throws Exception {
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options())) {
            store.create(A, "ckpt/a", Map.of(), Map.of());
            store.checkpointMetadata();
            store.insert(A, new long[] {BASE}, new double[] {1}, 0, 1, MergePolicy.NEVER);
            store.flush(A);
        }
        Files.write(dir.resolve("meta-00000003.log"), new byte[0]);
        StoreException e =
                assertThrows(StoreException.class, () -> TimeSeriesStoreImpl.open(FileVolumes.open(dir), options()));
        assertEquals(ErrorCode.CORRUPT_DATA, e.code());
        assertTrue(e.getMessage().contains("meta-00000002.log"), e.getMessage());
    }

    @Test
    void givenVersion1Or2Store_whenOpened_thenFormatUpgradedBeforeAnythingIsWritten() throws Exception {
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options())) {
            store.create(A, "ckpt/a", Map.of(), Map.of());
        }
        for (int old = 1; old <= 2; old++) {
            Files.writeString(dir.resolve("FORMAT"), "qss-store-format=" + old + "\n");
            try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options())) {
                assertTrue(store.stream(A).isPresent());
            }
            assertEquals(
                    "qss-store-format=3",
                    Files.readString(dir.resolve("FORMAT")).trim(),
                    "from version " + old);
        }
    }

    @Test
    void givenStoreOfANewerFormat_whenOpened_thenRefusedAsUnavailable() throws Exception {
        Files.writeString(dir.resolve("FORMAT"), "qss-store-format=4\n");
        StoreException e =
                assertThrows(StoreException.class, () -> TimeSeriesStoreImpl.open(FileVolumes.open(dir), options()));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("supported=qss-store-format=3"), e.getMessage());
    }

    private long runFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".run"))
                    .count();
        }
    }
}
