// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.SampleSink;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * One ingest's sink into the store: stream name to UUID, inserts with {@link MergePolicy#REPLACE} so the same file
 * ingested twice leaves one point per time. Each append is copied and inserted on the shared insert pool, so the
 * streams of a file (and of many files) reach the store's write-ahead log together and share its fsyncs;
 * {@link #awaitDurable()} returns once all of them are durable. Drops non-finite values. Used by one thread.
 */
final class StoreSink implements SampleSink {

    private final TimeSeriesStore store;
    private final Map<String, UUID> streams;
    private final String serial;
    private final ExecutorService inserter;
    private final LongAdder pointsInserted;
    private final List<Future<?>> inserts = new ArrayList<>();

    /** {@code pointsInserted} counts every point once its insert returned (the engine's running total). */
    StoreSink(
            TimeSeriesStore store,
            Map<String, UUID> streams,
            String serial,
            ExecutorService inserter,
            LongAdder pointsInserted) {
        this.store = store;
        this.streams = streams;
        this.serial = serial;
        this.inserter = inserter;
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
        if (n == 0) {
            return;
        }
        long[] tt = n == length ? t : Arrays.copyOf(t, n);
        double[] vv = n == length ? v : Arrays.copyOf(v, n);
        inserts.add(inserter.submit(() -> {
            store.insert(uuid, tt, vv, 0, tt.length, MergePolicy.REPLACE);
            pointsInserted.add(tt.length);
            return null;
        }));
    }

    /** Waits for every insert; the first failure is thrown once all have finished. */
    void awaitDurable() throws DeviceException, InterruptedException {
        DeviceException failure = null;
        for (Future<?> f : inserts) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = new DeviceException(
                            DeviceErrorCode.SINK_FAILED,
                            "store insert failed [serial=" + serial + "]",
                            e.getCause() instanceof StoreException se ? se : e.getCause());
                }
            }
        }
        inserts.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
