// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.file.FileVolumes;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A flipped byte in a block or log record is reported as corruption naming file and offset, never answered. */
class CorruptionTest {

    @TempDir
    Path dir;

    private final UUID id = UUID.randomUUID();

    @BeforeEach
    void fill() throws StoreException {
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults())) {
            store.create(id, "c", Map.of(), Map.of());
            for (int b = 0; b < 3; b++) {
                long[] t = new long[500];
                double[] v = new double[500];
                for (int i = 0; i < t.length; i++) {
                    t[i] = 1_000_000_000L * b + i * 8_333_333L;
                    v[i] = i;
                }
                store.insert(id, t, v, 0, t.length, MergePolicy.NEVER);
            }
        }
    }

    private static void flip(Path file, long offset) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x40);
        }
    }

    @Test
    void givenFlippedBlockByte_whenQueried_thenCorruptionNamesFileAndOffset() throws Exception {
        flip(dir.resolve("blocks/blocks-000001.seg"), 20);
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults())) {
            StoreException e = assertThrows(
                    StoreException.class,
                    () -> Collect.raw(store, id, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, 0));
            assertEquals(ErrorCode.CORRUPT_DATA, e.code());
            assertTrue(
                    e.getMessage().contains("blocks-000001.seg")
                            && e.getMessage().contains("offset=0"),
                    e.getMessage());
        }
    }

    @Test
    void givenFlippedLogRecordByte_whenOpened_thenCorruptionNamesFileAndOffset() throws Exception {
        flip(dir.resolve("wal/wal-00000001.log"), 30);
        StoreException e = assertThrows(
                StoreException.class, () -> TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults()));
        assertEquals(ErrorCode.CORRUPT_DATA, e.code());
        assertTrue(e.getMessage().contains("wal-00000001.log") && e.getMessage().contains("offset=0"), e.getMessage());
    }

    @Test
    void givenFlippedMetadataByte_whenOpened_thenCorruptionNamesFileAndOffset() throws Exception {
        flip(dir.resolve("meta.log"), 12);
        StoreException e = assertThrows(
                StoreException.class, () -> TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults()));
        assertEquals(ErrorCode.CORRUPT_DATA, e.code());
        assertTrue(e.getMessage().contains("meta.log"), e.getMessage());
    }
}
