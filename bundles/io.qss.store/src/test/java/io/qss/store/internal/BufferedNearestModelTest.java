// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.RawPoint;
import io.qss.store.api.Version;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nearest points of the latest version while points wait in the buffer, against {@link ReferenceModel}: times from a
 * narrow range so batches and the tree often hold the same time under every merge policy, and each answer compared
 * whole (time and value). Prints its seed; rerun one with {@code -Dqss.seed=N}.
 */
class BufferedNearestModelTest {

    private static final int INSERTS = 600;
    private static final long BASE = 1_600_000_000_000_000_000L;

    @TempDir
    Path dir;

    private final long seed = Long.getLong("qss.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private final UUID id = UUID.randomUUID();
    private final ReferenceModel model = new ReferenceModel();

    @Test
    void givenBufferedBatchesOverCommittedPoints_whenNearestAtLatest_thenMatchesTheModel() throws Exception {
        System.out.println("BufferedNearestModelTest seed=" + seed + " (rerun with -Dqss.seed=" + seed + ")");
        StoreOptions options =
                StoreOptions.defaults().withCommit(1_000_000, 3_600_000).withLeafCapacity(16);
        try (TimeSeriesStoreImpl store = TimeSeriesStoreImpl.open(TestVolumes.open(TestVolumes.file(dir)), options)) {
            store.create(id, "model/nearest", Map.of("name", "n"), Map.of());
            for (int i = 0; i < INSERTS; i++) {
                insert(store);
                if (random.nextInt(40) == 0) {
                    store.flush(id);
                }
                for (int q = 0; q < 6; q++) {
                    long time = BASE - 5 + random.nextInt(520);
                    String where = "seed=" + seed + " insert=" + i + " time=" + time;
                    assertEquals(expected(time, false), store.nearest(id, time, false, Version.LATEST), where);
                    assertEquals(expected(time, true), store.nearest(id, time, true, Version.LATEST), where);
                }
            }
        }
    }

    private void insert(TimeSeriesStoreImpl store) throws Exception {
        int n = 1 + random.nextInt(random.nextBoolean() ? 4 : 40);
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = BASE + random.nextInt(random.nextBoolean() ? 64 : 512);
            v[i] = random.nextInt(1000) / 8.0;
        }
        MergePolicy policy = MergePolicy.values()[random.nextInt(MergePolicy.values().length)];
        model.insert(t, v, policy);
        store.insert(id, t, v, 0, n, policy);
    }

    private Optional<RawPoint> expected(long time, boolean backward) {
        List<RawPoint> points = model.points();
        int k = model.lowerBound(time);
        if (backward) {
            return k > 0 ? Optional.of(points.get(k - 1)) : Optional.empty();
        }
        return k < points.size() ? Optional.of(points.get(k)) : Optional.empty();
    }
}
