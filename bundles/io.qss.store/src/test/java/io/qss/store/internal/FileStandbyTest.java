// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.file.FileVolumes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standby and takeover on one directory (two distributions on a shared file system): the OS lock is the lease. */
class FileStandbyTest extends StandbyContract {

    @TempDir
    Path dir;

    @Override
    protected StoreVolume openVolume() throws StoreException {
        return FileVolumes.open(dir);
    }

    @Override
    protected long takeoverMillis() {
        return 10_000;
    }

    @Test
    void givenRecordsHalfAppended_whenOpenedReadOnly_thenReplayStopsBeforeThemAndTheWriterIsUntouched()
            throws Exception {
        UUID id = UUID.randomUUID();
        StoreOptions options = StoreOptions.defaults().withCommit(1_000_000, 3_600_000);
        try (TimeSeriesStoreImpl writer = TimeSeriesStoreImpl.open(openVolume(), options)) {
            writer.create(id, "standby/torn", Map.of(), Map.of());
            writer.insert(id, new long[] {1, 2, 3}, new double[] {1, 2, 3}, 0, 3, MergePolicy.NEVER);
            // what a reader sees while the writer is in the middle of its next appends: a header and part of a record
            byte[] torn = {40, 0, 0, 0, 1, 2, 3, 4, 9, 9};
            try (Stream<Path> wal = Files.list(dir.resolve("wal"))) {
                for (Path segment : wal.toList()) {
                    Files.write(segment, torn, StandardOpenOption.APPEND);
                }
            }
            Files.write(dir.resolve("meta.log"), torn, StandardOpenOption.APPEND);
            try (TimeSeriesStoreImpl reader = TimeSeriesStoreImpl.openReadOnly(openVolume(), options, "qss-a:1")) {
                assertEquals(3, reader.count(id, 0, 100, 0));
            }
            assertEquals(3, writer.count(id, 0, 100, 0));
        }
    }

    @Test
    void givenAWriterOfANewerFormat_whenOpenedReadOnly_thenRefusedAsUnavailableNamingTheFormats() throws Exception {
        UUID id = UUID.randomUUID();
        try (TimeSeriesStoreImpl writer = TimeSeriesStoreImpl.open(openVolume(), StoreOptions.defaults())) {
            writer.create(id, "standby/newer", Map.of(), Map.of());
            Files.writeString(dir.resolve("FORMAT"), "qss-store-format=4\n");

            StoreException e = assertThrows(
                    StoreException.class,
                    () -> TimeSeriesStoreImpl.openReadOnly(openVolume(), StoreOptions.defaults(), "qss-a:1"));

            assertEquals(ErrorCode.UNAVAILABLE, e.code());
            assertTrue(e.getMessage().contains("found=qss-store-format=4"), e.getMessage());
            assertTrue(e.getMessage().contains("supported=qss-store-format=3"), e.getMessage());
        }
    }

    @Test
    void givenAWriterStillOfAnUpgradableFormat_whenOpenedReadOnly_thenItsStreamsAreRead() throws Exception {
        UUID id = UUID.randomUUID();
        try (TimeSeriesStoreImpl writer = TimeSeriesStoreImpl.open(openVolume(), StoreOptions.defaults())) {
            writer.create(id, "standby/older", Map.of(), Map.of());
            Files.writeString(dir.resolve("FORMAT"), "qss-store-format=2\n");

            try (TimeSeriesStoreImpl reader =
                    TimeSeriesStoreImpl.openReadOnly(openVolume(), StoreOptions.defaults(), "qss-a:1")) {
                assertTrue(reader.stream(id).isPresent());
            }
        }
    }
}
