// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import io.qss.dat.DatStream;
import io.qss.registry.DeviceChange;
import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegisteredDevice;
import io.qss.registry.RegistryException;
import io.qss.registry.SaveResult;
import io.qss.registry.StreamEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A registry holding saved devices in memory; the real one is tested in io.qss.registry with MongoDB. */
final class FakeRegistry implements DeviceRegistry {

    private final Map<String, RegisteredDevice> devices = new ConcurrentHashMap<>();

    RegisteredDevice put(String serial, String alias, boolean isExtended) {
        Map<String, UUID> uuids = new LinkedHashMap<>();
        for (DatStream s : DatStream.streams(isExtended)) {
            uuids.put(s.streamName(), UUID.randomUUID());
        }
        RegisteredDevice d =
                new RegisteredDevice("10.0.0." + devices.size(), serial, alias, isExtended, 1, uuids, Map.of());
        devices.put(serial, d);
        return d;
    }

    @Override
    public List<RegisteredDevice> devices() {
        return List.copyOf(devices.values());
    }

    @Override
    public Optional<RegisteredDevice> bySerial(String serial) {
        return Optional.ofNullable(devices.get(serial));
    }

    @Override
    public List<RegisteredDevice> pendingDevices() {
        return devices();
    }

    @Override
    public Optional<RegisteredDevice> findPending(String key) {
        return devices.values().stream()
                .filter(d -> d.alias().equals(key) || d.serial().equals(key))
                .findFirst();
    }

    @Override
    public RegisteredDevice add(String ip, String serial, String alias, boolean isExtended) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RegisteredDevice remove(String key) {
        throw new UnsupportedOperationException();
    }

    /** Switches the mode as a saved setext does: UUIDs kept, the six extended streams added when switching on. */
    @Override
    public RegisteredDevice remove(String key, boolean isDataDeleted) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<DeviceChange> previewIni(String text) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RegisteredDevice setExtended(String key, boolean isExtended) {
        RegisteredDevice d = findPending(key).orElseThrow();
        Map<String, UUID> uuids = new LinkedHashMap<>(d.streamUuids());
        for (DatStream s : DatStream.streams(isExtended)) {
            uuids.putIfAbsent(s.streamName(), UUID.randomUUID());
        }
        RegisteredDevice changed =
                new RegisteredDevice(d.ip(), d.serial(), d.alias(), isExtended, d.generation(), uuids, d.metadata());
        devices.put(d.serial(), changed);
        return changed;
    }

    @Override
    public int unsavedChanges() {
        return 0;
    }

    @Override
    public SaveResult save() {
        return new SaveResult(0, 0, 0);
    }

    @Override
    public void discard() {}

    @Override
    public List<StreamEntry> streams(RegisteredDevice d) {
        return DatStream.streams(d.isExtended()).stream()
                .map(s -> new StreamEntry(
                        d.path(s.streamName()),
                        s.streamName(),
                        s.unit(),
                        d.streamUuids().get(s.streamName())))
                .toList();
    }

    @Override
    public int importIni(String text) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String exportIni() {
        return "";
    }

    @Override
    public long raiseGeneration(String key) throws RegistryException {
        RegisteredDevice d = findPending(key).orElseThrow(() -> new RegistryException("no such device"));
        RegisteredDevice raised = new RegisteredDevice(
                d.ip(), d.serial(), d.alias(), d.isExtended(), d.generation() + 1, d.streamUuids(), d.metadata());
        devices.put(d.serial(), raised);
        return raised.generation();
    }
}
