// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.file.FileVolumes;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A volume that limits object sizes (RADOS) gets segments that fit, whatever the configured segment sizes: the
 * defaults (1 GiB block segments, 64 MiB log segments) would grow objects past the limit.
 */
class ObjectLimitTest {

    private static final long LIMIT = 256 << 10;
    private static final UUID STREAM = UUID.fromString("0f6a4c2e-9d1b-4b7e-8c35-2a9e1f7d4b60");

    @TempDir
    Path dir;

    @Test
    void givenVolumeWithObjectLimit_whenStoreWritesPastIt_thenEveryObjectStaysWithinTheLimit() throws Exception {
        FaultyVolume volume = new FaultyVolume(FileVolumes.open(dir));
        volume.limitObjects(LIMIT);
        long points = 0;
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(volume, StoreOptions.defaults())) {
            assertEquals(LIMIT, store.options().blockSegmentBytes());
            assertEquals(LIMIT / 2, store.options().walSegmentBytes());
            store.create(STREAM, "limit", Map.of("name", "noise"), Map.of());
            Random random = new Random(7);
            for (int batch = 0; batch < 40; batch++) {
                int n = 20_000;
                long[] t = new long[n];
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    t[i] = points + i;
                    v[i] = random.nextDouble(); // incompressible: many blocks
                }
                store.insert(STREAM, t, v, 0, n, MergePolicy.NEVER);
                store.flush(STREAM);
                points += n;
            }
        }
        try (StoreVolume check = FileVolumes.open(dir)) {
            long total = 0;
            for (String name : check.list("")) {
                long length = check.length(name);
                total += length;
                assertTrue(length <= LIMIT, name + " holds " + length + " bytes, above the limit of " + LIMIT);
            }
            assertTrue(total > 4 * LIMIT, "the test wrote too little to cross the limit: " + total + " bytes");
        }
        try (TimeSeriesStoreImpl reopened = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults())) {
            assertEquals(
                    points, reopened.count(STREAM, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, Version.LATEST));
        }
    }
}
