// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.core.testing.SmallVolume;
import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import io.qss.store.file.FileVolumes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store on a small tmpfs filled to the last byte: inserts fail with the reason, the write failure is reported,
 * and once space is freed the store reports healthy again by itself and takes inserts, with every acknowledged point
 * readable (also after reopening). Needs root to mount the tmpfs; skipped otherwise.
 */
class FullDiskTest {

    private static final UUID STREAM = UUID.fromString("0b6f3e2c-9a41-4c55-8d7e-2f1c3a5b6d70");
    private static final int BATCH = 2_000;

    @RegisterExtension
    final SmallVolume volume = SmallVolume.ofSize("8m");

    @Test
    void givenDiskFilledPastTheGuard_whenSpaceFreed_thenWritesFailThenRecoverWithoutLosingAcknowledgedPoints()
            throws Exception {
        // A guard above 100 % lets inserts reach the full disk, as when the disk fills between two samples.
        StoreOptions options = withDiskFullFraction(StoreOptions.defaults().withCommit(4_000, 50), 1.01);
        Path storeDir = volume.root().resolve("store");
        List<Long> acknowledged = new ArrayList<>();
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(storeDir), options)) {
            store.create(STREAM, "fulldisk", Map.of("name", "p"), Map.of());
            long next = insertBatches(store, 0, 3, acknowledged);
            Path filler = volume.fill("filler");
            StoreException refused = null;
            for (int i = 0; i < 50 && refused == null; i++) {
                try {
                    next = insertBatches(store, next, 1, acknowledged);
                } catch (StoreException e) {
                    refused = e;
                }
            }
            assertTrue(refused != null, "an insert fails on the full disk");
            assertEquals(ErrorCode.IO_ERROR, refused.code(), refused.getMessage());
            await(() -> !store.lastWriteFailure().isEmpty(), "the write failure is reported");
            assertTrue(store.lastWriteFailure().contains("No space left"), store.lastWriteFailure());

            Files.delete(filler);
            await(() -> store.lastWriteFailure().isEmpty(), "the store reports healthy again without an insert");
            insertBatches(store, next + BATCH, 2, acknowledged);
            assertAll(store, acknowledged);
        }
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(storeDir), options)) {
            assertAll(store, acknowledged);
        }
    }

    @Test
    void givenVolumeAboveTheGuard_whenSpaceFreed_thenInsertsRefusedThenAccepted() throws Exception {
        Path storeDir = volume.root().resolve("store");
        try (TimeSeriesStoreImpl store =
                TimeSeriesStoreImpl.open(FileVolumes.open(storeDir), StoreOptions.defaults())) {
            store.create(STREAM, "fulldisk", Map.of("name", "p"), Map.of());
            Path filler = volume.fill("filler");
            await(store::isVolumeFull, "the volume is seen full");
            StoreException refused = null;
            try {
                insertBatches(store, 0, 1, new ArrayList<>());
            } catch (StoreException e) {
                refused = e;
            }
            assertTrue(refused != null && refused.code() == ErrorCode.RESOURCE_DEPLETED, String.valueOf(refused));
            Files.delete(filler);
            await(() -> !store.isVolumeFull(), "free space is seen again");
            insertBatches(store, 0, 1, new ArrayList<>());
            assertFalse(store.isVolumeFull());
            assertTrue(store.lastWriteFailure().isEmpty(), store.lastWriteFailure());
        }
    }

    private static long insertBatches(TimeSeriesStoreImpl store, long first, int batches, List<Long> acknowledged)
            throws StoreException {
        long t = first;
        for (int b = 0; b < batches; b++) {
            long[] times = new long[BATCH];
            double[] values = new double[BATCH];
            for (int i = 0; i < BATCH; i++) {
                times[i] = t + i;
                values[i] = Math.sin(t + i);
            }
            Version unused = store.insert(STREAM, times, values, 0, BATCH, MergePolicy.NEVER);
            for (long time : times) {
                acknowledged.add(time);
            }
            t += BATCH;
        }
        return t;
    }

    private static void assertAll(TimeSeriesStoreImpl store, List<Long> acknowledged) throws StoreException {
        List<Long> found = new ArrayList<>();
        store.rawValues(STREAM, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, 0, (times, values, from, to) -> {
            for (int i = from; i < to; i++) {
                assertEquals(Math.sin(times[i]), values[i], 0.0);
                found.add(times[i]);
            }
            return true;
        });
        assertTrue(
                found.containsAll(acknowledged),
                "every acknowledged point [acknowledged=" + acknowledged.size() + ", found=" + found.size() + "]");
    }

    private static StoreOptions withDiskFullFraction(StoreOptions o, double fraction) {
        return o.withDiskFullFraction(fraction);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out: " + what);
            Thread.sleep(20);
        }
    }
}
