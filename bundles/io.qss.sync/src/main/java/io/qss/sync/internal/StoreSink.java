// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.SampleSink;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamBatch;
import io.qss.store.api.TimeSeriesStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * One file's sink into the store: stream name to UUID, points kept (copied, non-finite values dropped) until
 * {@link #insertDurably()} inserts the whole file with one multi-stream insert, one write-ahead-log append and one
 * fsync, merge policy {@link MergePolicy#REPLACE} so the same file ingested twice leaves one point per time. Used by
 * one thread.
 */
final class StoreSink implements SampleSink {

    private final TimeSeriesStore store;
    private final Map<String, UUID> streams;
    private final String serial;
    private final LongAdder pointsInserted;
    private final List<StreamBatch> batches = new ArrayList<>();
    private long points;

    /** {@code pointsInserted} counts every point once its insert returned (the engine's running total). */
    StoreSink(TimeSeriesStore store, Map<String, UUID> streams, String serial, LongAdder pointsInserted) {
        this.store = store;
        this.streams = streams;
        this.serial = serial;
        this.pointsInserted = pointsInserted;
    }

    @Override
    public void append(String stream, long[] times, double[] values, int offset, int length) throws DeviceException {
        UUID uuid = streams.get(stream);
        if (uuid == null) {
            throw new DeviceException(
                    DeviceErrorCode.UNKNOWN_STREAM,
                    "device has no such stream [serial=" + serial + ", stream=" + stream + "]");
        }
        long[] t = new long[length];
        double[] v = new double[length];
        int n = 0;
        for (int i = offset; i < offset + length; i++) {
            if (Double.isFinite(values[i])) {
                t[n] = times[i];
                v[n++] = values[i];
            }
        }
        if (n > 0) {
            batches.add(new StreamBatch(uuid, t, v, 0, n, MergePolicy.REPLACE));
            points += n;
        }
    }

    /** Inserts what was appended since the last call and returns once it is durable. */
    void insertDurably() throws DeviceException {
        if (batches.isEmpty()) {
            return;
        }
        try {
            store.insertAll(batches);
            pointsInserted.add(points);
        } catch (StoreException e) {
            throw new DeviceException(
                    DeviceErrorCode.SINK_FAILED,
                    "store insert failed [serial=" + serial + ", streams=" + batches.size() + ", points=" + points
                            + "]",
                    e);
        } finally {
            batches.clear();
            points = 0;
        }
    }
}
