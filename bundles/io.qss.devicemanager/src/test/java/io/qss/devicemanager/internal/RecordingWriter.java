// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamBatch;
import java.util.List;
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
    public void insertAll(List<StreamBatch> batches) throws StoreException {
        if (isFailing) {
            throw new StoreException(ErrorCode.IO_ERROR, "disk full (test)");
        }
        for (StreamBatch b : batches) {
            ConcurrentSkipListMap<Long, Double> series =
                    points.computeIfAbsent(b.stream(), k -> new ConcurrentSkipListMap<>());
            for (int i = b.offset(); i < b.offset() + b.length(); i++) {
                series.put(b.times()[i], b.values()[i]);
            }
            inserted.addAndGet(b.length());
        }
    }

    /** Distinct times stored over every stream. */
    public long distinctPoints() {
        return points.values().stream().mapToLong(Map::size).sum();
    }
}
