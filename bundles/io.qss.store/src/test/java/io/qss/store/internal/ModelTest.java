// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ChangedRange;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StoreException;
import io.qss.store.api.Version;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Randomised operations against {@link ReferenceModel}. Prints its seed; rerun one with {@code -Dqss.seed=N}.
 * Small leaves and a narrow time domain make the tree deep and the merge policies collide often.
 */
class ModelTest {

    private static final int OPERATIONS = 2000;
    private static final int COMMIT_POINTS = 2000;
    private static final long BASE = 1_500_000_000_000_000_000L;

    @TempDir
    Path dir;

    private final long seed = Long.getLong("qss.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private final UUID id = UUID.randomUUID();
    private final ReferenceModel model = new ReferenceModel();
    private final TreeMap<Long, ReferenceModel> committed = new TreeMap<>();
    private TimeSeriesStoreImpl store;
    /** Points inserted since the last commit the test saw: from the buffer limit on, a commit is under way. */
    private long uncommittedPoints;

    /** Where the store lives (a directory here; subclasses run the same test on other backends). */
    protected String volumeSpec() {
        return TestVolumes.file(dir);
    }

    /** Operations per run: a slower backend runs fewer in the test command; {@code -Dqss.model.operations=N} more. */
    protected int defaultOperations() {
        return OPERATIONS;
    }

    @Test
    void givenRandomOperations_whenQueried_thenMatchesReferenceModel() throws Exception {
        System.out.println("ModelTest seed=" + seed + " (rerun with -Dqss.seed=" + seed + ")");
        StoreOptions options =
                StoreOptions.defaults().withCommit(COMMIT_POINTS, 3_600_000).withLeafCapacity(16);
        store = TimeSeriesStoreImpl.open(TestVolumes.open(volumeSpec()), options);
        try {
            store.create(id, "model/test", Map.of("name", "m"), Map.of());
            committed.put(Version.FIRST, model.copy());
            for (int op = 0; op < Integer.getInteger("qss.model.operations", defaultOperations()); op++) {
                step(op, options);
            }
        } finally {
            store.close();
        }
    }

    private void step(int op, StoreOptions options) throws Exception {
        int kind = random.nextInt(100);
        String context = "seed=" + seed + " op=" + op;
        if (kind < 45) {
            insert();
        } else if (kind < 50) {
            delete();
        } else if (kind < 55) {
            store.flush(id);
            recordVersion();
        } else if (kind < 57) {
            if (random.nextBoolean()) {
                store.close();
            } else {
                store.abandon();
            }
            store = TimeSeriesStoreImpl.open(TestVolumes.open(volumeSpec()), options);
            recordVersion();
        } else {
            query(context);
        }
    }

    private long randomTime() {
        return switch (random.nextInt(10)) {
            case 0 -> BASE + random.nextLong(1L << 40);
            case 1 -> -1_000_000 - random.nextInt(1000);
            default -> BASE + random.nextInt(1 << 14);
        };
    }

    private void insert() throws StoreException, InterruptedException {
        int n = 1 + random.nextInt(random.nextBoolean() ? 8 : 200);
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = randomTime();
            v[i] = random.nextInt(8) - 3 + (random.nextBoolean() ? 0.5 : 0);
        }
        MergePolicy policy = MergePolicy.values()[random.nextInt(4)];
        model.insert(t, v, policy);
        store.insert(id, t, v, 0, n, policy);
        uncommittedPoints += n;
        if (uncommittedPoints >= COMMIT_POINTS) {
            awaitFullBufferCommitted();
        }
        recordVersion();
    }

    /**
     * A full buffer is committed by the store's committer thread, not by the insert: wait for that commit, so the
     * version it makes is known to hold the model as it is now (recorded at the next insert, it would be taken to
     * hold that insert's points too).
     */
    private void awaitFullBufferCommitted() throws StoreException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (store.version(id).minor() != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "full buffer not committed within 60 s [seed=" + seed + ", points=" + uncommittedPoints + "]");
            }
            Thread.sleep(1);
        }
    }

    private void delete() throws StoreException {
        long a = randomTime();
        long b = a + 1 + random.nextInt(1 << 12);
        if (store.version(id).minor() > 0) {
            committed.put(store.version(id).major() + 1, model.copy());
        }
        model.delete(a, b);
        store.delete(id, a, b);
        recordVersion();
    }

    /** After an operation that may have committed, the committed state equals the model now. */
    private void recordVersion() throws StoreException {
        Version v = store.version(id);
        if (!committed.containsKey(v.major())) {
            committed.put(v.major(), model.copy());
        }
        if (v.minor() == 0) {
            committed.put(v.major(), model.copy());
            uncommittedPoints = 0;
        }
    }

    private void query(String context) throws StoreException {
        long version = random.nextInt(3) == 0 ? Version.LATEST : pickVersion();
        ReferenceModel m = version == Version.LATEST ? model : committed.get(version);
        long start = randomTime() - random.nextInt(1 << 12);
        long end = start + 1 + random.nextInt(1 << (random.nextBoolean() ? 14 : 42));
        String where = context + " version=" + version + " [" + start + "," + end + ")";
        switch (random.nextInt(6)) {
            case 0 -> assertEquals(m.range(start, end), Collect.raw(store, id, start, end, version), where);
            case 1 -> assertEquals(m.range(start, end).size(), store.count(id, start, end, version), where);
            case 2 -> {
                int pw = random.nextInt(random.nextBoolean() ? 14 : 50);
                Collect.assertStats(
                        Collect.expectedAligned(m.points(), start, end, pw),
                        Collect.aligned(store, id, start, end, pw, version),
                        where + " pw=" + pw);
            }
            case 3 -> {
                long width = 1 + random.nextInt(1 << 12);
                long wEnd = Math.min(end, start + 40 * width);
                Collect.assertStats(
                        Collect.expectedWindows(m.points(), start, wEnd, width),
                        Collect.windows(store, id, start, wEnd, width, version),
                        where + " width=" + width);
            }
            case 4 -> nearest(m, start, version, where);
            default -> changes(where);
        }
    }

    private long pickVersion() {
        List<Long> versions = new ArrayList<>(committed.keySet());
        return versions.get(random.nextInt(versions.size()));
    }

    private void nearest(ReferenceModel m, long time, long version, String where) throws StoreException {
        int k = m.lowerBound(time);
        Optional<RawPoint> forward =
                k < m.points().size() ? Optional.of(m.points().get(k)) : Optional.empty();
        Optional<RawPoint> backward = k > 0 ? Optional.of(m.points().get(k - 1)) : Optional.empty();
        assertEquals(
                forward.map(RawPoint::time),
                store.nearest(id, time, false, version).map(RawPoint::time),
                where);
        assertEquals(
                backward.map(RawPoint::time),
                store.nearest(id, time, true, version).map(RawPoint::time),
                where);
    }

    /** Every time whose points differ between two versions must lie in a reported changed range. */
    private void changes(String where) throws StoreException {
        long from = pickVersion();
        long to = pickVersion();
        if (from > to) {
            long x = from;
            from = to;
            to = x;
        }
        List<ChangedRange> ranges =
                store.changes(id, from, to, random.nextInt(20)).ranges();
        List<RawPoint> before = committed.get(from).points();
        List<RawPoint> after = committed.get(to).points();
        for (RawPoint p : symmetricDifference(before, after)) {
            long f = from;
            long t = to;
            assertTrue(
                    ranges.stream().anyMatch(r -> r.start() <= p.time() && p.time() < r.end()),
                    () -> where + " from=" + f + " to=" + t + " change at " + p.time() + " not covered by " + ranges);
        }
    }

    private static List<RawPoint> symmetricDifference(List<RawPoint> a, List<RawPoint> b) {
        TreeMap<Long, List<Double>> ma = byTime(a);
        TreeMap<Long, List<Double>> mb = byTime(b);
        List<RawPoint> out = new ArrayList<>();
        for (Long t : union(ma, mb)) {
            if (!ma.getOrDefault(t, List.of()).equals(mb.getOrDefault(t, List.of()))) {
                out.add(new RawPoint(t, 0));
            }
        }
        return out;
    }

    private static TreeMap<Long, List<Double>> byTime(List<RawPoint> points) {
        TreeMap<Long, List<Double>> m = new TreeMap<>();
        for (RawPoint p : points) {
            m.computeIfAbsent(p.time(), k -> new ArrayList<>()).add(p.value());
        }
        return m;
    }

    private static List<Long> union(TreeMap<Long, List<Double>> a, TreeMap<Long, List<Double>> b) {
        TreeMap<Long, Boolean> keys = new TreeMap<>();
        a.keySet().forEach(k -> keys.put(k, true));
        b.keySet().forEach(k -> keys.put(k, true));
        return new ArrayList<>(keys.keySet());
    }
}
