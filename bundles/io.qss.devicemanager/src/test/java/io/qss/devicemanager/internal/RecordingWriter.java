// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.store.ErrorCode;
import io.qss.store.StoreException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** A store stand-in: per stream, time to value with REPLACE semantics; can be told to fail. Thread-safe. */
public final class RecordingWriter implements PointWriter {

    public final Map<UUID, ConcurrentSkipListMap<Long, Double>> points = new ConcurrentHashMap<>();
    public final AtomicLong inserted = new AtomicLong();
    public volatile boolean isFailing;

    @Override
    public void insert(UUID stream, long[] times, double[] values, int length) throws StoreException {
        if (isFailing) {
            throw new StoreException(ErrorCode.IO_ERROR, "disk full (test)");
        }
        ConcurrentSkipListMap<Long, Double> series = points.computeIfAbsent(stream, k -> new ConcurrentSkipListMap<>());
        for (int i = 0; i < length; i++) {
            series.put(times[i], values[i]);
        }
        inserted.addAndGet(length);
    }

    /** Distinct times stored over every stream. */
    public long distinctPoints() {
        return points.values().stream().mapToLong(Map::size).sum();
    }
}
