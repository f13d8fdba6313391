// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StoreException;
import io.qss.store.api.Version;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.FaultyVolume.Fault;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage faults injected under the engine (a full disk, a short write, a failed fsync, a failed atomic replace) on the
 * write-ahead log, the block segments, the metadata log and the checkpoint: the call that met the fault fails with
 * IO_ERROR naming the object, the store keeps answering, the next write after the fault works, and after reopening
 * every acknowledged point is there exactly once (a point whose insert failed is there at most once). The store owns
 * and closes its volume.
 */
class FaultInjectionTest {

    private static final UUID STREAM = UUID.fromString("5d0c4f1e-8a77-4a1b-9c3e-1f2a3b4c5d6e");
    private static final int BATCH = 500;

    @TempDir
    Path dir;

    /** No background commit: each test decides when a commit happens. */
    private final StoreOptions options = StoreOptions.defaults().withCommit(10_000_000, 3_600_000);

    @Test
    void givenWalFull_whenInserting_thenInsertFailsAndLaterInsertsAndReopenKeepEveryAcknowledgedPoint()
            throws Exception {
        assertInsertFaultKeepsAcknowledgedPoints(Fault.NO_SPACE, false);
    }

    @Test
    void givenShortWalWrite_whenInserting_thenTheTornRecordIsCutAndLaterRecordsReplay() throws Exception {
        assertInsertFaultKeepsAcknowledgedPoints(Fault.SHORT_WRITE, false);
    }

    @Test
    void givenWalSyncFails_whenInserting_thenNotAcknowledgedAndAtMostOnceAfterReopen() throws Exception {
        assertInsertFaultKeepsAcknowledgedPoints(Fault.SYNC_FAILS, true);
    }

    @Test
    void givenShortBlockWrite_whenCommitting_thenCommitFailsReadsGoOnAndTheNextCommitWorks() throws Exception {
        assertCommitFaultKeepsPoints(Fault.SHORT_WRITE, "blocks/");
    }

    @Test
    void givenBlockSyncFails_whenCommitting_thenCommitFailsAndTheNextCommitWorks() throws Exception {
        assertCommitFaultKeepsPoints(Fault.SYNC_FAILS, "blocks/");
    }

    @Test
    void givenMetadataLogFull_whenCommitting_thenCommitFailsAndTheNextCommitWorks() throws Exception {
        assertCommitFaultKeepsPoints(Fault.NO_SPACE, "meta");
    }

    @Test
    void givenCheckpointReplaceFails_whenCheckpointing_thenFailsAndTheStoreStaysWhole() throws Exception {
        Map<Long, Double> acknowledged = new HashMap<>();
        FaultyVolume volume = new FaultyVolume(FileVolumes.open(dir));
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(volume, options)) {
            store.create(STREAM, "faults", Map.of("name", "p"), Map.of());
            insert(store, 0, acknowledged);
            store.flush(STREAM);
            volume.inject(Fault.REPLACE_FAILS, "", 1);

            StoreException e = assertThrows(StoreException.class, store::checkpointMetadata);

            assertEquals(ErrorCode.IO_ERROR, e.code(), e.getMessage());
            assertTrue(volume.injected() > 0, "the fault was met");
            insert(store, 1, acknowledged);
            store.flush(STREAM);
            store.checkpointMetadata();
        }
        assertExactlyOnceAfterReopen(acknowledged, Map.of());
    }

    private void assertInsertFaultKeepsAcknowledgedPoints(Fault fault, boolean failedMayLand) throws Exception {
        Map<Long, Double> acknowledged = new HashMap<>();
        Map<Long, Double> failed = new HashMap<>();
        FaultyVolume volume = new FaultyVolume(FileVolumes.open(dir));
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(volume, options)) {
            store.create(STREAM, "faults", Map.of("name", "p"), Map.of());
            insert(store, 0, acknowledged);
            volume.inject(fault, "wal/", 1);

            StoreException e = assertThrows(StoreException.class, () -> insert(store, 1, failed));

            assertEquals(ErrorCode.IO_ERROR, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("wal/"), e.getMessage());
            insert(store, 2, acknowledged);
            insert(store, 3, acknowledged);
        }
        batchPoints(1, failed);
        assertExactlyOnceAfterReopen(acknowledged, failedMayLand ? failed : Map.of());
    }

    private void assertCommitFaultKeepsPoints(Fault fault, String prefix) throws Exception {
        Map<Long, Double> acknowledged = new HashMap<>();
        FaultyVolume volume = new FaultyVolume(FileVolumes.open(dir));
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(volume, options)) {
            store.create(STREAM, "faults", Map.of("name", "p"), Map.of());
            insert(store, 0, acknowledged);
            store.flush(STREAM);
            insert(store, 1, acknowledged);
            volume.inject(fault, prefix, 1);

            StoreException e = assertThrows(StoreException.class, () -> store.flush(STREAM));

            assertEquals(ErrorCode.IO_ERROR, e.code(), e.getMessage());
            assertTrue(volume.injected() > 0, "the fault was met");
            assertEquals(acknowledged.size(), read(store).size(), "reads go on with every acknowledged point");
            insert(store, 2, acknowledged);
            store.flush(STREAM);
            assertEquals(acknowledged.size(), read(store).size());
        }
        assertExactlyOnceAfterReopen(acknowledged, Map.of());
    }

    private void assertExactlyOnceAfterReopen(Map<Long, Double> acknowledged, Map<Long, Double> mayBeThere)
            throws StoreException, IOException {
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options)) {
            Map<Long, Double> seen = new HashMap<>();
            for (RawPoint p : read(store)) {
                Double before = seen.put(p.time(), p.value());
                assertEquals(null, before, "a point appears twice [time=" + p.time() + "]");
                assertTrue(
                        acknowledged.containsKey(p.time()) || mayBeThere.containsKey(p.time()),
                        "a point nobody inserted [time=" + p.time() + "]");
            }
            acknowledged.forEach((t, v) -> assertEquals(v, seen.get(t), "acknowledged point [time=" + t + "]"));
        }
    }

    private static List<RawPoint> read(TimeSeriesStoreImpl store) throws StoreException {
        return Collect.raw(store, STREAM, 0, 1L << 40, Version.LATEST);
    }

    /** Inserts batch {@code n} (its own time range) and records its points once the insert returned. */
    private static void insert(TimeSeriesStoreImpl store, int n, Map<Long, Double> acknowledged) throws StoreException {
        long[] times = new long[BATCH];
        double[] values = new double[BATCH];
        for (int i = 0; i < BATCH; i++) {
            times[i] = (long) n * 1_000_000_000L + i * 8_333_333L;
            values[i] = n * 1000.0 + i;
        }
        store.insert(STREAM, times, values, 0, BATCH, MergePolicy.NEVER);
        batchPoints(n, acknowledged);
    }

    private static void batchPoints(int n, Map<Long, Double> into) {
        for (int i = 0; i < BATCH; i++) {
            into.put((long) n * 1_000_000_000L + i * 8_333_333L, n * 1000.0 + i);
        }
    }
}
