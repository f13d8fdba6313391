// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.SampleSink;
import io.qss.store.MergePolicy;
import io.qss.store.StoreException;
import io.qss.store.TimeSeriesStore;
import java.util.Map;
import java.util.UUID;

/**
 * A device's sink into the store: stream name to UUID, inserts with {@link MergePolicy#REPLACE} so the same file
 * ingested twice leaves one point per time. Drops non-finite values. Thread-safe (stateless apart from the map).
 */
final class StoreSink implements SampleSink {

    private final TimeSeriesStore store;
    private final Map<String, UUID> streams;
    private final String serial;

    StoreSink(TimeSeriesStore store, Map<String, UUID> streams, String serial) {
        this.store = store;
        this.streams = Map.copyOf(streams);
        this.serial = serial;
    }

    @Override
    public void append(String stream, long[] times, double[] values, int offset, int length)
            throws DeviceException {
        UUID uuid = streams.get(stream);
        if (uuid == null) {
            throw new DeviceException(DeviceErrorCode.UNKNOWN_STREAM, "device has no such stream [serial=" + serial
                    + ", stream=" + stream + "]");
        }
        long[] t = times;
        double[] v = values;
        int off = offset;
        int len = length;
        if (!allFinite(values, offset, length)) {
            t = new long[length];
            v = new double[length];
            len = 0;
            off = 0;
            for (int i = offset; i < offset + length; i++) {
                if (Double.isFinite(values[i])) {
                    t[len] = times[i];
                    v[len++] = values[i];
                }
            }
        }
        if (len == 0) {
            return;
        }
        try {
            store.insert(uuid, t, v, off, len, MergePolicy.REPLACE);
        } catch (StoreException e) {
            throw new DeviceException(DeviceErrorCode.SINK_FAILED, "store insert failed [serial=" + serial
                    + ", stream=" + stream + ", uuid=" + uuid + ", points=" + len + "]", e);
        }
    }

    private static boolean allFinite(double[] values, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (!Double.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }
}
