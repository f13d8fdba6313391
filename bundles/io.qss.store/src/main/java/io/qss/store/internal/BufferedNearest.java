// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.RawPoint;
import java.util.List;

/**
 * The nearest point of a stream's latest version found without applying its buffered batches to the tree: the
 * nearest of the committed tree's answer and of each batch's points. Applying the buffer copies every buffered point
 * and the tree's right edge, once for each head, and a live stream gets a new head several times a second, so a
 * client polling streams' newest points (a plotter, a bracket request) rebuilt it on nearly every poll.
 *
 * <p>When the answer's time holds more than one point (the tree's and a batch's, or two in batches), the merge
 * policies decide which one stays, so this leaves the answer to the tree with the buffer applied. Not thread-safe:
 * one per query.
 */
final class BufferedNearest {

    /** Whether the batches decided the answer, and the answer (null: no point on that side of the time). */
    record Outcome(boolean decided, RawPoint point) {
        static final Outcome UNDECIDED = new Outcome(false, null);
    }

    private final long time;
    private final boolean backward;
    private boolean found;
    private long bestTime;
    private double bestValue;
    private int pointsAtBest;

    private BufferedNearest(long time, boolean backward) {
        this.time = time;
        this.backward = backward;
    }

    /**
     * The nearest point before {@code time} ({@code backward}) or at or after it, among the committed tree's answer
     * ({@code committed}, null for none) and the batches' points; fails with {@link PointBuffer.Released} when a
     * commit took the batches meanwhile.
     */
    static Outcome find(List<Batch> pending, RawPoint committed, long time, boolean backward) {
        BufferedNearest nearest = new BufferedNearest(time, backward);
        if (committed != null) {
            nearest.offer(committed.time(), committed.value());
        }
        long[] times = new long[0];
        double[] values = new double[0];
        for (Batch batch : pending) {
            if (times.length < batch.size()) {
                times = new long[batch.size()];
                values = new double[batch.size()];
            }
            batch.copyTo(times, values, 0);
            nearest.scan(times, values, batch.size());
        }
        if (nearest.pointsAtBest > 1) {
            return Outcome.UNDECIDED;
        }
        return new Outcome(true, nearest.found ? new RawPoint(nearest.bestTime, nearest.bestValue) : null);
    }

    /** Offers one batch's candidates: its times are sorted, so they sit at the end facing the query time. */
    private void scan(long[] times, double[] values, int size) {
        if (backward) {
            int i = size - 1;
            while (i >= 0 && times[i] >= time) {
                i--;
            }
            while (i >= 0 && offer(times[i], values[i])) {
                i--;
            }
        } else {
            int i = 0;
            while (i < size && times[i] < time) {
                i++;
            }
            while (i < size && offer(times[i], values[i])) {
                i++;
            }
        }
    }

    /** Takes a candidate on the query's side; returns false when it is farther than the best (so is the rest). */
    private boolean offer(long candidate, double value) {
        if (!found || (backward ? candidate > bestTime : candidate < bestTime)) {
            found = true;
            bestTime = candidate;
            bestValue = value;
            pointsAtBest = 1;
            return true;
        }
        if (candidate == bestTime) {
            pointsAtBest++;
            return true;
        }
        return false;
    }
}
