// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.SampleSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One live device's sink: appends are copied into a batch per stream, which the {@link SinkFlusher} inserts into the
 * store every few hundred milliseconds. While the store fails the batches are kept (and retried); once more than
 * {@code maxPendingPoints} wait, appends fail with {@code SINK_FAILED}, so the session leaves its bytes unconsumed
 * and the manager offers them again later. Thread-safe: the device's session appends, the flusher takes.
 *
 * <p>Each stream has two batches that take turns: one fills while the flusher inserts the other, which it then gives
 * back ({@link #recycle}). New batches for every stream at every flush were young garbage still alive at most
 * collections (a flush lives about as long as the interval between collections), so the collector copied them.
 */
final class LiveSink implements SampleSink {

    private final String alias;
    private final long maxPendingPoints;
    private volatile Map<String, UUID> streams;
    private final Map<UUID, Slot> slots = new LinkedHashMap<>();
    /** The stream map changed since the last take: slots of streams no longer named go at the next take. */
    private boolean streamsChanged;

    private long pendingPoints;
    private volatile String failure;
    /** The last key list {@link #appendColumns} resolved, with its streams' slots. */
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
            pendingPoints += slots.computeIfAbsent(uuid, Slot::new).filling.addFinite(times, values, offset, length);
        }
    }

    /** As {@link #append} per stream, under one lock; the keys of a list seen before are not looked up again. */
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
            for (int i = 0; i < c.slots.length; i++) {
                pendingPoints += c.slots[i].filling.addFinite(times, values[i], offset, length);
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

    /** The slots of the keys' streams; call holding this sink's lock. */
    private Slot[] resolve(List<String> keys) throws DeviceException {
        UUID[] uuids = new UUID[keys.size()];
        for (int i = 0; i < uuids.length; i++) {
            uuids[i] = streams.get(keys.get(i));
            if (uuids[i] == null) {
                throw new DeviceException(
                        DeviceErrorCode.UNKNOWN_STREAM,
                        "device has no such stream [alias=" + alias + ", stream=" + keys.get(i) + "]");
            }
        }
        Slot[] resolved = new Slot[uuids.length];
        for (int i = 0; i < uuids.length; i++) {
            resolved[i] = slots.computeIfAbsent(uuids[i], Slot::new);
        }
        return resolved;
    }

    /** The stream keys and UUIDs appends may name (those of the device as last read or declared). */
    synchronized void streams(Map<String, UUID> keyToUuid) {
        streams = Map.copyOf(keyToUuid);
        streamsChanged = true;
    }

    /**
     * Takes every waiting batch; appends go on into each stream's other batch (a new one while the flusher still
     * holds it). Give each taken batch back with {@link #recycle} once inserted, or {@link #putBack} on failure.
     */
    synchronized List<PointBatch> take() {
        List<PointBatch> taken = new ArrayList<>();
        for (Slot slot : slots.values()) {
            if (slot.filling.size > 0) {
                taken.add(slot.filling);
                slot.filling = slot.spare != null ? slot.spare : new PointBatch(slot.stream);
                slot.spare = null;
            }
        }
        pendingPoints = 0;
        if (streamsChanged) {
            // every slot is empty now: forget those of streams the device no longer has
            slots.keySet().retainAll(new HashSet<>(streams.values()));
            columns = null;
            streamsChanged = false;
        }
        return taken;
    }

    /** Gives back a taken batch whose points are in the store, to be filled again after the next take. */
    synchronized void recycle(PointBatch batch) {
        Slot slot = slots.get(batch.stream);
        if (slot != null && slot.spare == null && slot.filling != batch) {
            batch.size = 0;
            slot.spare = batch;
        }
    }

    /** Puts back a batch whose insert failed, ahead of what arrived since, and keeps the reason. */
    synchronized void putBack(PointBatch batch, String reason) {
        failure = reason;
        Slot slot = slots.computeIfAbsent(batch.stream, Slot::new);
        PointBatch newer = slot.filling;
        pendingPoints += batch.size;
        // times are inserted with REPLACE in any order, so the newer points simply follow
        batch.addFinite(newer.times, newer.values, 0, newer.size);
        newer.size = 0;
        slot.filling = batch;
        if (slot.spare == null) {
            slot.spare = newer;
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

    /** One stream's batch that appends fill, and the one the flusher gave back (null while it holds it). */
    private static final class Slot {
        final UUID stream;
        PointBatch filling;
        PointBatch spare;

        Slot(UUID stream) {
            this.stream = stream;
            this.filling = new PointBatch(stream);
        }
    }

    /** A key list as last resolved against a stream map, and the slots of its streams. */
    private static final class Columns {
        final List<String> keys;
        final Map<String, UUID> streams;
        final Slot[] slots;

        Columns(List<String> keys, Map<String, UUID> streams, Slot[] slots) {
            this.keys = keys;
            this.streams = streams;
            this.slots = slots;
        }
    }
}
