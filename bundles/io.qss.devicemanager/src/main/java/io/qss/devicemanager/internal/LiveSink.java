// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.SampleSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One live device's sink: appends are copied into a batch per stream, which the {@link SinkFlusher} inserts into the
 * store every few hundred milliseconds. While the store fails the batches are kept (and retried); once more than
 * {@code maxPendingPoints} wait, appends fail with {@code SINK_FAILED}, so the session leaves its bytes unconsumed
 * and the manager offers them again later. Thread-safe: the device's session appends, the flusher takes.
 */
final class LiveSink implements SampleSink {

    private final String alias;
    private final long maxPendingPoints;
    private volatile Map<String, UUID> streams;
    private final Map<UUID, PointBatch> batches = new LinkedHashMap<>();
    private long pendingPoints;
    private volatile String failure;

    LiveSink(String alias, Map<String, UUID> streams, long maxPendingPoints) {
        this.alias = alias;
        this.streams = Map.copyOf(streams);
        this.maxPendingPoints = maxPendingPoints;
    }

    @Override
    public void append(String stream, long[] times, double[] values, int offset, int length) throws DeviceException {
        UUID uuid = streams.get(stream);
        if (uuid == null) {
            throw new DeviceException(
                    DeviceErrorCode.UNKNOWN_STREAM,
                    "device has no such stream [alias=" + alias + ", stream=" + stream + "]");
        }
        synchronized (this) {
            if (pendingPoints + length > maxPendingPoints) {
                throw new DeviceException(
                        DeviceErrorCode.SINK_FAILED,
                        "store does not keep up; samples held back [" + "alias=" + alias + ", pendingPoints="
                                + pendingPoints + ", lastFailure=" + failure + "]");
            }
            pendingPoints += batches.computeIfAbsent(uuid, PointBatch::new).addFinite(times, values, offset, length);
        }
    }

    /** The stream keys and UUIDs appends may name (those of the device as last read or declared). */
    void streams(Map<String, UUID> keyToUuid) {
        streams = Map.copyOf(keyToUuid);
    }

    /** Takes every waiting batch; the sink starts new ones. */
    synchronized List<PointBatch> take() {
        List<PointBatch> taken = new ArrayList<>();
        for (PointBatch batch : batches.values()) {
            if (batch.size > 0) {
                taken.add(batch);
            }
        }
        batches.clear();
        pendingPoints = 0;
        return taken;
    }

    /** Puts back a batch whose insert failed, ahead of what arrived since, and keeps the reason. */
    synchronized void putBack(PointBatch batch, String reason) {
        failure = reason;
        PointBatch newer = batches.remove(batch.stream);
        batches.put(batch.stream, batch);
        pendingPoints += batch.size;
        if (newer != null) {
            // times are inserted with REPLACE in any order, so the newer points simply follow
            batch.addFinite(newer.times, newer.values, 0, newer.size);
        }
    }

    /** Every insert of the last flush worked. */
    void succeeded() {
        failure = null;
    }

    /** Why the last flush failed; null when it worked. */
    String failure() {
        return failure;
    }

    synchronized long pendingPoints() {
        return pendingPoints;
    }

    String alias() {
        return alias;
    }
}
