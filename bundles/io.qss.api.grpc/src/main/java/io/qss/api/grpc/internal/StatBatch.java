// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import io.qss.api.grpc.internal.v5api.StatPoint;
import io.qss.store.api.StatConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Collects window statistics into messages of {@link QueryRpcs#POINTS_PER_MESSAGE}; {@link #finish} sends the rest,
 * or one empty message when nothing was sent. Used by one thread.
 */
final class StatBatch implements StatConsumer {

    private final Predicate<List<StatPoint>> sink;
    private final List<StatPoint> points = new ArrayList<>(QueryRpcs.POINTS_PER_MESSAGE);
    private final StatPoint.Builder point = StatPoint.newBuilder();
    private boolean hasSent;

    /** @param sink sends one message; returns false when the client has gone */
    StatBatch(Predicate<List<StatPoint>> sink) {
        this.sink = sink;
    }

    @Override
    public boolean accept(long time, double min, double mean, double max, long count) {
        points.add(point.setTime(time)
                .setMin(min)
                .setMean(mean)
                .setMax(max)
                .setCount(count)
                .build());
        if (points.size() < QueryRpcs.POINTS_PER_MESSAGE) {
            return true;
        }
        hasSent = true;
        boolean isOpen = sink.test(points);
        points.clear();
        return isOpen;
    }

    void finish() {
        if (!points.isEmpty() || !hasSent) {
            sink.test(points);
            points.clear();
        }
    }
}
