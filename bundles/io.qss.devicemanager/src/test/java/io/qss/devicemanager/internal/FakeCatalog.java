// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.device.StreamSpec;
import io.qss.registry.Device;
import io.qss.registry.DeviceCatalog;
import io.qss.registry.RegistryException;
import io.qss.registry.SaveResult;
import io.qss.registry.StreamEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** The saved devices, declared streams and states a test sets; listeners called as a save would. Thread-safe. */
public final class FakeCatalog implements DeviceCatalog {

    private final Map<String, Device> saved = new ConcurrentHashMap<>();
    private final Map<String, byte[]> states = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** Called with each stream a device declares for the first time (the bench creates it in its store). */
    public volatile BiConsumer<Device, StreamSpec> onNewStream = (device, spec) -> {};

    /** While true, reading the saved devices fails as a MongoDB outage would. */
    public volatile boolean isFailing;

    /** Saves {@code device} (replacing one with its alias) and tells the listeners. */
    public void save(Device device) {
        saved.put(device.alias(), device);
        listeners.forEach(Runnable::run);
    }

    public void delete(String alias) {
        saved.remove(alias);
        listeners.forEach(Runnable::run);
    }

    public static Device device(String type, String alias, Map<String, String> properties) {
        return new Device(type, alias, alias, properties, Map.of());
    }

    @Override
    public List<Device> devices() {
        if (isFailing) {
            throw new IllegalStateException("catalog unreachable (test)");
        }
        return saved.values().stream()
                .sorted((a, b) -> a.alias().compareTo(b.alias()))
                .toList();
    }

    @Override
    public List<Device> devices(String type) {
        return devices().stream().filter(d -> d.type().equals(type)).toList();
    }

    @Override
    public Optional<Device> find(String key) {
        return Optional.ofNullable(saved.get(key));
    }

    @Override
    public synchronized Device declareStreams(String alias, List<StreamSpec> streams) throws RegistryException {
        Device device = saved.get(alias);
        if (device == null) {
            throw new RegistryException("no such device [alias=" + alias + "]");
        }
        Map<String, UUID> uuids = new LinkedHashMap<>(device.streamUuids());
        for (StreamSpec spec : streams) {
            if (!uuids.containsKey(spec.key())) {
                uuids.put(spec.key(), UUID.nameUUIDFromBytes((alias + "/" + spec.key()).getBytes()));
                onNewStream.accept(new Device(device.type(), device.id(), alias, device.properties(), uuids), spec);
            }
        }
        Device declared = new Device(device.type(), device.id(), alias, device.properties(), uuids);
        saved.put(alias, declared);
        return declared;
    }

    @Override
    public void saveState(String alias, byte[] state) {
        states.put(alias, state.clone());
    }

    @Override
    public byte[] loadState(String alias) {
        return states.getOrDefault(alias, new byte[0]).clone();
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public List<Device> pendingDevices() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Device add(String type, String alias, Map<String, String> properties) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Device remove(String key, boolean isDataDeleted) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int unsavedChanges() {
        return 0;
    }

    @Override
    public SaveResult save() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void discard() {}

    @Override
    public List<StreamEntry> streams(Device device) {
        throw new UnsupportedOperationException();
    }
}
