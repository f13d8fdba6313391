// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import io.qss.device.DeviceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The device types sync can use now, by type id, as their services come and go. When several services name one id,
 * the one added last serves (an update registers the new one before or after the old one leaves; either way the
 * survivor serves). Each change of the serving instance starts a new epoch, so a {@link Lease} taken for an ingest
 * tells afterwards whether the type left or was replaced meanwhile: then sync ingests the file again instead of
 * marking it synced. Thread-safe.
 */
final class DeviceTypes {

    /** The type instance that serves one ingest, and the epoch it was taken in. */
    record Lease(String typeId, DeviceType type, long epoch) {}

    private record Served(DeviceType type, long epoch) {}

    private final Map<String, List<DeviceType>> present = new HashMap<>();
    private final Map<String, Served> serving = new HashMap<>();
    private long epochs;

    /** A service of type {@code typeId} arrived; it serves the type from now on. */
    synchronized void add(String typeId, DeviceType type) {
        present.computeIfAbsent(typeId, k -> new ArrayList<>()).add(type);
        serving.put(typeId, new Served(type, ++epochs));
    }

    /** A service left; returns true when no service of {@code typeId} is left (its devices pause). */
    synchronized boolean remove(String typeId, DeviceType type) {
        List<DeviceType> left = present.getOrDefault(typeId, new ArrayList<>());
        left.remove(type);
        if (left.isEmpty()) {
            present.remove(typeId);
            serving.remove(typeId);
            return true;
        }
        Served current = serving.get(typeId);
        if (current == null || current.type() == type) {
            serving.put(typeId, new Served(left.get(left.size() - 1), ++epochs));
        }
        return false;
    }

    /** The type serving {@code typeId} now; empty when no bundle provides it. */
    synchronized Optional<Lease> lease(String typeId) {
        Served s = serving.get(typeId);
        return s == null ? Optional.empty() : Optional.of(new Lease(typeId, s.type(), s.epoch()));
    }

    /** Whether {@code lease}'s instance still serves its type (it did not leave and was not replaced). */
    synchronized boolean isCurrent(Lease lease) {
        Served s = serving.get(lease.typeId());
        return s != null && s.epoch() == lease.epoch();
    }

    /** Why devices of {@code typeId} wait, for operators; empty when the type is present. */
    synchronized String pausedReason(String typeId) {
        return serving.containsKey(typeId) ? "" : pausedReasonFor(typeId);
    }

    /** The text operators see while a type is absent, e.g. {@code paused: device type upmu not installed}. */
    static String pausedReasonFor(String typeId) {
        return "paused: device type " + typeId + " not installed";
    }
}
