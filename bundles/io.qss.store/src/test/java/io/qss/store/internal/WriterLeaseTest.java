// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamBatch;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import io.qss.store.file.FileVolumes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine holds the volume's writer lease while open and checks it before every commit is made durable. */
class WriterLeaseTest {

    private static final UUID STREAM = UUID.fromString("5b1f7a3e-0c44-4d2a-9e61-7d0c3f2b8a15");

    @TempDir
    Path dir;

    @Test
    void givenStoreOpen_whenOpenedAgain_thenRefusedNamingTheHolder() throws Exception {
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults())) {
            StoreException e = assertThrows(
                    StoreException.class,
                    () -> TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults()));
            assertEquals(ErrorCode.UNAVAILABLE, e.code());
            assertTrue(e.getMessage().contains("in use") && e.getMessage().contains(":"), e.getMessage());
            assertTrue(store.describe().startsWith("dir="), store.describe());
        }
        TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults()).close();
    }

    @Test
    void givenLeaseLost_whenCommitting_thenCommitRefusedAndNotVisibleAfterReopen() throws Exception {
        StoreOptions options = StoreOptions.defaults().withCommit(1_000_000, 3_600_000);
        FaultyVolume fenced = new FaultyVolume(FileVolumes.open(dir));
        TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(fenced, options);
        store.create(STREAM, "lease", Map.of(), Map.of());
        store.insert(STREAM, new long[] {1, 2}, new double[] {1, 2}, 0, 2, MergePolicy.NEVER);
        long committed = store.flush(STREAM).major();
        store.insert(STREAM, new long[] {3}, new double[] {3}, 0, 1, MergePolicy.NEVER);
        fenced.loseLease();
        StoreException refused = assertThrows(StoreException.class, () -> store.flush(STREAM));
        assertEquals(ErrorCode.UNAVAILABLE, refused.code(), refused.getMessage());
        assertEquals(committed, store.version(STREAM).major(), "no version published without the lease");
        store.abandon();
        try (TimeSeriesStoreImpl reopened = TimeSeriesStoreImpl.open(FileVolumes.open(dir), options)) {
            assertEquals(committed, reopened.version(STREAM).major());
            assertEquals(
                    3,
                    reopened.count(STREAM, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, Version.LATEST),
                    "the acknowledged insert stays in the log");
        }
    }

    @Test
    void givenLeaseLost_whenInserting_thenNotAcknowledged() throws Exception {
        FaultyVolume fenced = new FaultyVolume(FileVolumes.open(dir));
        TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(fenced, StoreOptions.defaults());
        store.create(STREAM, "lease", Map.of(), Map.of());
        store.insert(STREAM, new long[] {1}, new double[] {1}, 0, 1, MergePolicy.NEVER);
        fenced.loseLease();
        StoreException one = assertThrows(
                StoreException.class,
                () -> store.insert(STREAM, new long[] {2}, new double[] {2}, 0, 1, MergePolicy.NEVER));
        assertEquals(ErrorCode.UNAVAILABLE, one.code(), one.getMessage());
        StoreException many = assertThrows(
                StoreException.class,
                () -> store.insertAll(
                        List.of(new StreamBatch(STREAM, new long[] {3}, new double[] {3}, 0, 1, MergePolicy.NEVER))));
        assertEquals(ErrorCode.UNAVAILABLE, many.code(), many.getMessage());
        store.abandon();
    }
}
