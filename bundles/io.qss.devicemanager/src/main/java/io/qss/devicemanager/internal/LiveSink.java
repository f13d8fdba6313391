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
    /** The last key list {@link #appendColumns} resolved, with its batches while they are current. */
    private Columns columns;

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
            requireRoom(length);
            pendingPoints += batches.computeIfAbsent(uuid, PointBatch::new).addFinite(times, values, offset, length);
        }
    }

    /**
     * As {@link #append} per stream, under one lock; the keys of a list seen before are not looked up again, and its
     * streams' batches are reused until the flusher takes them.
     */
    @Override
    public void appendColumns(List<String> keys, long[] times, double[][] values, int offset, int length)
            throws DeviceException {
        synchronized (this) {
            Columns c = columns;
            if (c == null || c.keys != keys || c.streams != streams) {
                c = new Columns(keys, streams, resolve(keys));
                columns = c;
            }
            requireRoom((long) length * keys.size());
            if (c.batches == null) {
                c.batches = new PointBatch[c.uuids.length];
                for (int i = 0; i < c.uuids.length; i++) {
                    c.batches[i] = batches.computeIfAbsent(c.uuids[i], PointBatch::new);
                }
            }
            for (int i = 0; i < c.batches.length; i++) {
                pendingPoints += c.batches[i].addFinite(times, values[i], offset, length);
            }
        }
    }

    /** Refuses {@code points} more once the store has fallen this far behind; call holding this sink's lock. */
    private void requireRoom(long points) throws DeviceException {
        if (pendingPoints + points > maxPendingPoints) {
            throw new DeviceException(
                    DeviceErrorCode.SINK_FAILED,
                    "store does not keep up; samples held back [" + "alias=" + alias + ", pendingPoints="
                            + pendingPoints + ", lastFailure=" + failure + "]");
        }
    }

    private UUID[] resolve(List<String> keys) throws DeviceException {
        UUID[] uuids = new UUID[keys.size()];
        for (int i = 0; i < uuids.length; i++) {
            uuids[i] = streams.get(keys.get(i));
            if (uuids[i] == null) {
                throw new DeviceException(
                        DeviceErrorCode.UNKNOWN_STREAM,
                        "device has no such stream [alias=" + alias + ", stream=" + keys.get(i) + "]");
            }
        }
        return uuids;
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
        forgetBatches();
        return taken;
    }

    /** Puts back a batch whose insert failed, ahead of what arrived since, and keeps the reason. */
    synchronized void putBack(PointBatch batch, String reason) {
        failure = reason;
        PointBatch newer = batches.remove(batch.stream);
        batches.put(batch.stream, batch);
        forgetBatches();
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

    /** The batches held for the last key list are no longer the ones in the map; call holding this sink's lock. */
    private void forgetBatches() {
        if (columns != null) {
            columns.batches = null;
        }
    }

    /** A key list as last resolved against a stream map, and the batches its appends go to (null: look up again). */
    private static final class Columns {
        final List<String> keys;
        final Map<String, UUID> streams;
        final UUID[] uuids;
        PointBatch[] batches;

        Columns(List<String> keys, Map<String, UUID> streams, UUID[] uuids) {
            this.keys = keys;
            this.streams = streams;
            this.uuids = uuids;
        }
    }
}
