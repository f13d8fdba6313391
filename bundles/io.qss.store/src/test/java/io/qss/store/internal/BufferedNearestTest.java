// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.RawPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BufferedNearestTest {

    private final PointPages pages = new PointPages();
    private final PointBuffer buffer = new PointBuffer(pages);
    private final List<Batch> batches = new ArrayList<>();

    @AfterEach
    void freePages() {
        buffer.releaseBefore(buffer.end());
    }

    private void batch(long... times) {
        double[] values = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            values[i] = times[i] / 10.0;
        }
        long position = buffer.append(times, values, 0, times.length);
        batches.add(new Batch(batches.size() + 1, MergePolicy.REPLACE, buffer, position, times.length));
    }

    @Test
    void givenBatchesNewerThanTheTree_whenNearestBackwardFromTheFuture_thenTheNewestBufferedPoint() {
        batch(10, 20, 30);
        batch(40, 50);

        BufferedNearest.Outcome outcome = BufferedNearest.find(batches, new RawPoint(5, 0.5), Long.MAX_VALUE, true);

        assertTrue(outcome.decided());
        assertEquals(new RawPoint(50, 5.0), outcome.point());
    }

    @Test
    void givenTheTreeHoldsTheNearest_whenNearestForward_thenTheTreesPoint() {
        batch(10, 20);

        BufferedNearest.Outcome outcome = BufferedNearest.find(batches, new RawPoint(7, 0.7), 6, false);

        assertEquals(new BufferedNearest.Outcome(true, new RawPoint(7, 0.7)), outcome);
    }

    @Test
    void givenTheQueryTimeInsideABatch_whenNearest_thenBackwardIsStrictlyBeforeAndForwardAtOrAfter() {
        batch(10, 20, 30);

        assertEquals(
                new RawPoint(10, 1.0),
                BufferedNearest.find(batches, null, 20, true).point());
        assertEquals(
                new RawPoint(20, 2.0),
                BufferedNearest.find(batches, null, 20, false).point());
        assertEquals(
                new RawPoint(30, 3.0),
                BufferedNearest.find(batches, null, 21, false).point());
    }

    @Test
    void givenNoPointOnThatSide_whenNearest_thenDecidedWithNoPoint() {
        batch(10, 20);

        BufferedNearest.Outcome outcome = BufferedNearest.find(batches, null, 10, true);

        assertEquals(new BufferedNearest.Outcome(true, null), outcome);
    }

    @Test
    void givenTheAnswersTimeHeldTwice_whenNearest_thenUndecidedForTheMergePoliciesToDecide() {
        batch(10, 20);
        batch(20, 25);
        batch(30, 30);

        assertFalse(BufferedNearest.find(batches, null, 25, true).decided(), "20 in two batches");
        assertFalse(BufferedNearest.find(batches, null, 100, true).decided(), "30 twice in one batch");
        assertFalse(
                BufferedNearest.find(batches, new RawPoint(10, 9.0), 0, false).decided(), "10 in tree and batch");
        assertEquals(
                new BufferedNearest.Outcome(true, new RawPoint(25, 2.5)),
                BufferedNearest.find(batches, null, 21, false),
                "20 twice does not matter when 25 is the answer");
    }

    @Test
    void givenTheBatchesReleasedByACommit_whenNearest_thenTheReaderIsToldToTakeTheNewHead() {
        batch(10, 20);
        buffer.releaseBefore(buffer.end());

        assertThrows(PointBuffer.Released.class, () -> BufferedNearest.find(batches, null, 100, true));
    }
}
