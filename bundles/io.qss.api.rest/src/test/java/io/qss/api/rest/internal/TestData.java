// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.TimeSeriesStore;
import java.util.Map;
import java.util.UUID;

/**
 * The known data of the REST tests, shaped after the manual's §17.1 examples (its UUID and time ranges).
 *
 * <ul>
 *   <li>{@link #L1MAG} {@code /upmu/soda_b/L1MAG} (public): {@link #RAW_POINTS} points at 120 Hz from
 *       {@link #RAW_START}, and one point a minute for a day from {@link #DAY_START};
 *   <li>{@link #C1ANG} {@code /upmu/soda_b/C1ANG} (public): 10 points at 120 Hz from {@link #RAW_START} + 1 s;
 *   <li>{@link #PRIVATE} {@code /lab/bench/L1MAG} (tag {@code lab} only): 5 points from {@link #RAW_START};
 *   <li>{@link #EMPTY} {@code /upmu/soda_b/EMPTY}: no points.
 * </ul>
 */
public final class TestData {

    public static final UUID L1MAG = UUID.fromString("f0896731-0e43-4ed5-a97f-19266d8e732c");
    public static final UUID C1ANG = UUID.fromString("6390e9df-dfcb-4084-8080-8c719ce751ed");
    public static final UUID PRIVATE = UUID.fromString("1f7f8e2a-3c4b-4d5e-8f60-718293a4b5c6");
    public static final UUID EMPTY = UUID.fromString("00000000-0000-4000-8000-000000000001");
    public static final UUID MISSING = UUID.fromString("00000000-0000-4000-8000-0000000000ff");

    /** The manual's raw example start (9/19/16 2:52:28 PM). */
    public static final long RAW_START = 1474321947545300000L;

    public static final long RAW_END = 1474326345591810000L;
    public static final int RAW_POINTS = 240;
    public static final long PERIOD = 8_333_333L;
    /** The manual's statistical example range. */
    public static final long DAY_START = 1477100329040881700L;

    public static final long DAY_END = 1477186729034743600L;
    public static final int DAY_POINTS = 1440;
    public static final long MINUTE = 60_000_000_000L;
    /** Points of {@link #denseStream}. */
    public static final int DENSE_POINTS = 20_000;

    private TestData() {}

    public static double rawValue(int i) {
        return 7200.0 + (i % 24) * 0.125 - (i % 7) * 1.5;
    }

    public static double dayValue(int i) {
        return 7100.0 + (i % 60) * 0.5;
    }

    public static void load(TimeSeriesStore store) throws Exception {
        create(store, L1MAG, "upmu/soda_b", "L1MAG");
        create(store, C1ANG, "upmu/soda_b", "C1ANG");
        create(store, PRIVATE, "lab/bench", "L1MAG");
        create(store, EMPTY, "upmu/soda_b", "EMPTY");
        long[] t = new long[RAW_POINTS];
        double[] v = new double[RAW_POINTS];
        for (int i = 0; i < RAW_POINTS; i++) {
            t[i] = RAW_START + i * PERIOD;
            v[i] = rawValue(i);
        }
        store.insert(L1MAG, t, v, 0, RAW_POINTS, MergePolicy.NEVER);
        store.insert(PRIVATE, t, v, 0, 5, MergePolicy.NEVER);
        long[] angleTimes = new long[10];
        double[] angles = new double[10];
        for (int i = 0; i < 10; i++) {
            angleTimes[i] = RAW_START + 1_000_000_000L + i * PERIOD;
            angles[i] = -120.25 + i * 0.001;
        }
        store.insert(C1ANG, angleTimes, angles, 0, 10, MergePolicy.NEVER);
        long[] dt = new long[DAY_POINTS];
        double[] dv = new double[DAY_POINTS];
        for (int i = 0; i < DAY_POINTS; i++) {
            dt[i] = DAY_START + i * MINUTE;
            dv[i] = dayValue(i);
        }
        store.insert(L1MAG, dt, dv, 0, DAY_POINTS, MergePolicy.NEVER);
        store.flush(L1MAG);
    }

    /**
     * A new public stream {@code /upmu/suite/<uuid>} holding a copy of {@link #L1MAG}'s points, committed, so a test
     * may change it without touching the shared data or other tests.
     */
    public static UUID copyOfL1mag(TimeSeriesStore store) throws Exception {
        UUID uuid = UUID.randomUUID();
        create(store, uuid, "upmu/suite", uuid.toString());
        long[] t = new long[RAW_POINTS + DAY_POINTS];
        double[] v = new double[t.length];
        for (int i = 0; i < RAW_POINTS; i++) {
            t[i] = RAW_START + i * PERIOD;
            v[i] = rawValue(i);
        }
        for (int i = 0; i < DAY_POINTS; i++) {
            t[RAW_POINTS + i] = DAY_START + i * MINUTE;
            v[RAW_POINTS + i] = dayValue(i);
        }
        store.insert(uuid, t, v, 0, t.length, MergePolicy.NEVER);
        store.flush(uuid);
        return uuid;
    }

    /**
     * A new public stream {@code /upmu/suite/<uuid>} of {@value #DENSE_POINTS} points at 120 Hz from
     * {@link #RAW_START}, committed: dense enough that its tree has cores down to point width 32 (leaves of 2^32 ns).
     */
    public static UUID denseStream(TimeSeriesStore store) throws Exception {
        UUID uuid = UUID.randomUUID();
        create(store, uuid, "upmu/suite", uuid.toString());
        long[] t = new long[DENSE_POINTS];
        double[] v = new double[DENSE_POINTS];
        for (int i = 0; i < DENSE_POINTS; i++) {
            t[i] = RAW_START + i * PERIOD;
            v[i] = rawValue(i);
        }
        store.insert(uuid, t, v, 0, DENSE_POINTS, MergePolicy.NEVER);
        store.flush(uuid);
        return uuid;
    }

    private static void create(TimeSeriesStore store, UUID uuid, String collection, String name) throws Exception {
        store.create(uuid, collection, Map.of("name", name), Map.of());
    }
}
