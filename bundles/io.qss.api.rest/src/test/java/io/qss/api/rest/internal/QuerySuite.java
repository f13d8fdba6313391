// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import static io.qss.api.rest.internal.TestData.C1ANG;
import static io.qss.api.rest.internal.TestData.DAY_END;
import static io.qss.api.rest.internal.TestData.DAY_START;
import static io.qss.api.rest.internal.TestData.L1MAG;
import static io.qss.api.rest.internal.TestData.MISSING;
import static io.qss.api.rest.internal.TestData.PERIOD;
import static io.qss.api.rest.internal.TestData.PRIVATE;
import static io.qss.api.rest.internal.TestData.RAW_END;
import static io.qss.api.rest.internal.TestData.RAW_START;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.RawPoint;
import io.qss.store.api.StatPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The query suite every transport must pass over {@link TestData} (after Kura's shared request-handler tests):
 * results equal a reference computed from the known points, and access rules hold. A transport's test extends this
 * class and supplies {@link #transport()}, the keys and the store; {@link ChangeSuite} and {@link ErrorSuite} add
 * delete, versions, changed ranges and refusals.
 */
public abstract class QuerySuite extends ChangeSuite {

    @Test
    void givenRawRange_whenQueried_thenEveryPointInOrder() throws Exception {
        assertEquals(between(l1mag(), RAW_START, RAW_END), transport().raw(null, L1MAG, RAW_START, RAW_END));
    }

    @Test
    void givenRangeEndingOnAPoint_whenQueriedRaw_thenEndExcluded() throws Exception {
        List<RawPoint> points = transport().raw(null, L1MAG, RAW_START + PERIOD, RAW_START + 3 * PERIOD);
        assertEquals(
                List.of(
                        new RawPoint(RAW_START + PERIOD, TestData.rawValue(1)),
                        new RawPoint(RAW_START + 2 * PERIOD, TestData.rawValue(2))),
                points);
    }

    @Test
    void givenPointWidth_whenQueried_thenAlignedWindowsMatchReference() throws Exception {
        assertStats(aligned(l1mag(), RAW_START, RAW_END, 27), transport().aligned(null, L1MAG, RAW_START, RAW_END, 27));
        assertStats(aligned(l1mag(), DAY_START, DAY_END, 46), transport().aligned(null, L1MAG, DAY_START, DAY_END, 46));
    }

    @Test
    void givenWindowWidth_whenQueried_thenExactWindowsWithEmptyOnes() throws Exception {
        long hour = 3_600_000_000_000L;
        List<StatPoint> actual = transport().windows(null, L1MAG, DAY_START - hour, DAY_START + 3 * hour, hour);
        assertStats(windows(l1mag(), DAY_START - hour, DAY_START + 3 * hour, hour), actual);
        assertEquals(0, actual.get(0).count());
    }

    @Test
    void givenTime_whenNearestQueried_thenForwardInclusiveBackwardExclusive() throws Exception {
        assertEquals(
                new RawPoint(RAW_START, TestData.rawValue(0)),
                transport().nearest(null, L1MAG, RAW_START, false).orElseThrow());
        assertTrue(transport().nearest(null, L1MAG, RAW_START, true).isEmpty());
        assertEquals(
                new RawPoint(RAW_START, TestData.rawValue(0)),
                transport().nearest(null, L1MAG, RAW_START + 1, true).orElseThrow());
    }

    @Test
    void givenStreams_whenBracketed_thenFirstAndLastPoint() throws Exception {
        List<RawPoint> all = l1mag();
        assertArrayEquals(
                new long[] {all.get(0).time(), all.get(all.size() - 1).time()},
                transport().bracket(null, L1MAG).orElseThrow());
        assertArrayEquals(
                new long[] {RAW_START + 1_000_000_000L, RAW_START + 1_000_000_000L + 9 * PERIOD},
                transport().bracket(null, C1ANG).orElseThrow());
        assertTrue(transport().bracket(null, MISSING).isEmpty());
    }

    @Test
    void givenAnonymousCaller_whenQueryingAStreamOutsidePublic_thenItDoesNotExist() throws Exception {
        assertThrows(QueryTransport.NoSuchStream.class, () -> transport().raw(null, PRIVATE, RAW_START, RAW_END));
        assertThrows(
                QueryTransport.NoSuchStream.class, () -> transport().aligned(null, PRIVATE, RAW_START, RAW_END, 30));
        assertThrows(QueryTransport.NoSuchStream.class, () -> transport().nearest(null, PRIVATE, RAW_START, false));
        assertTrue(transport().bracket(null, PRIVATE).isEmpty());
    }

    @Test
    void givenKeyWithTheTag_whenQueryingThatStream_thenDataAndPublicStreamsStillVisible() throws Exception {
        assertEquals(5, transport().raw(labKey(), PRIVATE, RAW_START, RAW_END).size());
        assertEquals(
                TestData.RAW_POINTS,
                transport().raw(labKey(), L1MAG, RAW_START, RAW_END).size());
    }

    static List<RawPoint> l1mag() {
        List<RawPoint> points = new ArrayList<>();
        for (int i = 0; i < TestData.RAW_POINTS; i++) {
            points.add(new RawPoint(RAW_START + i * PERIOD, TestData.rawValue(i)));
        }
        for (int i = 0; i < TestData.DAY_POINTS; i++) {
            points.add(new RawPoint(DAY_START + i * TestData.MINUTE, TestData.dayValue(i)));
        }
        return points;
    }

    static List<RawPoint> between(List<RawPoint> points, long start, long end) {
        return points.stream().filter(p -> p.time() >= start && p.time() < end).toList();
    }

    static List<StatPoint> aligned(List<RawPoint> points, long start, long end, int pw) {
        List<StatPoint> out = new ArrayList<>();
        long from = (start >> pw) << pw;
        long to = (end >> pw) << pw;
        for (long t = from; t < to; t += 1L << pw) {
            StatPoint window = window(points, t, t + (1L << pw));
            if (window.count() > 0) {
                out.add(window);
            }
        }
        return out;
    }

    static List<StatPoint> windows(List<RawPoint> points, long start, long end, long width) {
        List<StatPoint> out = new ArrayList<>();
        for (long t = start; t + width <= end; t += width) {
            out.add(window(points, t, t + width));
        }
        return out;
    }

    private static StatPoint window(List<RawPoint> points, long start, long end) {
        List<RawPoint> in = between(points, start, end);
        if (in.isEmpty()) {
            return new StatPoint(start, 0, 0, 0, 0);
        }
        double sum = in.stream().mapToDouble(RawPoint::value).sum();
        return new StatPoint(
                start,
                in.stream().mapToDouble(RawPoint::value).min().orElseThrow(),
                sum / in.size(),
                in.stream().mapToDouble(RawPoint::value).max().orElseThrow(),
                in.size());
    }

    private static void assertStats(List<StatPoint> expected, List<StatPoint> actual) {
        assertEquals(expected.size(), actual.size(), "windows");
        for (int i = 0; i < expected.size(); i++) {
            StatPoint e = expected.get(i);
            StatPoint a = actual.get(i);
            assertEquals(e.time(), a.time(), "time of window " + i);
            assertEquals(e.count(), a.count(), "count of window " + i);
            assertEquals(e.min(), a.min(), "min of window " + i);
            assertEquals(e.max(), a.max(), "max of window " + i);
            assertEquals(e.mean(), a.mean(), 1e-9 * Math.abs(e.mean()), "mean of window " + i);
        }
    }
}
