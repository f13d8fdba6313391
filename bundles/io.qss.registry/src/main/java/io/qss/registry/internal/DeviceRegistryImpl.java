// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import io.qss.dat.DatStream;
import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegisteredDevice;
import io.qss.registry.RegistryException;
import io.qss.registry.SaveResult;
import io.qss.registry.StreamEntry;
import io.qss.store.TimeSeriesStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The registry: saved devices (what sync and receiver act on) and one pending copy that console edits change until
 * {@link #save}. Plain Java; all methods synchronise on the instance, readers of saved state use a volatile snapshot.
 */
public final class DeviceRegistryImpl implements DeviceRegistry {

    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final DeviceStore persistence;
    private final TimeSeriesStore store;
    private volatile Map<String, RegisteredDevice> saved = Map.of();
    private final Map<String, RegisteredDevice> pending = new LinkedHashMap<>();

    DeviceRegistryImpl(DeviceStore persistence, TimeSeriesStore store) {
        this.persistence = persistence;
        this.store = store;
    }

    /** Loads the saved devices; call once before use. */
    synchronized void load() throws RegistryException {
        Map<String, RegisteredDevice> loaded = new LinkedHashMap<>();
        persistence.load().forEach(d -> loaded.put(d.serial(), d));
        saved = Map.copyOf(loaded);
        pending.clear();
        pending.putAll(loaded);
    }

    @Override
    public List<RegisteredDevice> devices() {
        return sorted(saved.values());
    }

    @Override
    public Optional<RegisteredDevice> bySerial(String serial) {
        return Optional.ofNullable(saved.get(serial));
    }

    @Override
    public synchronized List<RegisteredDevice> pendingDevices() {
        return sorted(pending.values());
    }

    @Override
    public synchronized Optional<RegisteredDevice> findPending(String key) {
        return pending.values().stream().filter(d -> d.isNamedBy(key)).findFirst();
    }

    @Override
    public synchronized RegisteredDevice add(String ip, String serial, String alias, boolean isExtended)
            throws RegistryException {
        check(SERIAL, "serial", serial);
        check(ALIAS, "alias", alias);
        if (ip == null || ip.isBlank() || ip.contains("[") || ip.contains("]")) {
            throw new RegistryException("device ip invalid [ip=" + ip + "]");
        }
        for (RegisteredDevice d : pending.values()) {
            if (d.ip().equals(ip) || d.serial().equals(serial) || d.alias().equals(alias)) {
                throw new RegistryException("device already configured [ip=" + d.ip() + ", serial=" + d.serial()
                        + ", alias=" + d.alias() + "]");
            }
        }
        RegisteredDevice device = withUuids(new RegisteredDevice(ip, serial, alias, isExtended, 1, Map.of(),
                Map.of()));
        pending.put(serial, device);
        return device;
    }

    @Override
    public synchronized RegisteredDevice remove(String key) throws RegistryException {
        RegisteredDevice device = require(key);
        pending.remove(device.serial());
        return device;
    }

    @Override
    public synchronized RegisteredDevice setExtended(String key, boolean isExtended) throws RegistryException {
        RegisteredDevice d = require(key);
        RegisteredDevice changed = withUuids(new RegisteredDevice(d.ip(), d.serial(), d.alias(), isExtended,
                d.generation(), d.streamUuids(), d.metadata()));
        pending.put(d.serial(), changed);
        return changed;
    }

    @Override
    public synchronized int unsavedChanges() {
        int changes = 0;
        for (RegisteredDevice d : pending.values()) {
            changes += Objects.equals(saved.get(d.serial()), d) ? 0 : 1;
        }
        for (String serial : saved.keySet()) {
            changes += pending.containsKey(serial) ? 0 : 1;
        }
        return changes;
    }

    @Override
    public synchronized SaveResult save() throws RegistryException {
        List<RegisteredDevice> upserts = new ArrayList<>();
        int added = 0;
        for (RegisteredDevice d : pending.values()) {
            RegisteredDevice before = saved.get(d.serial());
            if (!d.equals(before)) {
                upserts.add(d);
                added += before == null ? 1 : 0;
            }
        }
        List<String> removed = saved.keySet().stream().filter(s -> !pending.containsKey(s)).toList();
        for (RegisteredDevice d : upserts) {
            StreamMetadata.apply(store, d, streams(d));
        }
        persistence.write(upserts, removed);
        saved = Map.copyOf(pending);
        return new SaveResult(added, removed.size(), upserts.size() - added);
    }

    @Override
    public synchronized void discard() {
        pending.clear();
        pending.putAll(saved);
    }

    @Override
    public List<StreamEntry> streams(RegisteredDevice device) {
        return DatStream.streams(device.isExtended()).stream()
                .map(s -> new StreamEntry(device.path(s.streamName()), s.streamName(), s.unit(),
                        device.streamUuids().get(s.streamName())))
                .toList();
    }

    @Override
    public synchronized int importIni(String text) throws RegistryException {
        List<RegisteredDevice> devices = UpmuConfigIni.parse(text);
        Map<String, RegisteredDevice> next = new LinkedHashMap<>();
        for (RegisteredDevice d : devices) {
            check(SERIAL, "serial", d.serial());
            check(ALIAS, "alias", d.alias());
            RegisteredDevice known = saved.get(d.serial());
            long generation = known == null ? 1 : known.generation();
            Map<String, UUID> uuids = new LinkedHashMap<>(known == null ? Map.of() : known.streamUuids());
            uuids.putAll(d.streamUuids());
            RegisteredDevice merged = withUuids(new RegisteredDevice(d.ip(), d.serial(), d.alias(), d.isExtended(),
                    generation, uuids, d.metadata()));
            if (next.put(merged.serial(), merged) != null) {
                throw new RegistryException("upmuconfig.ini names a serial twice [serial=" + d.serial() + "]");
            }
        }
        pending.clear();
        pending.putAll(next);
        return devices.size();
    }

    @Override
    public synchronized String exportIni() {
        return UpmuConfigIni.write(pendingDevices());
    }

    @Override
    public synchronized long raiseGeneration(String key) throws RegistryException {
        RegisteredDevice d = saved.values().stream().filter(x -> x.isNamedBy(key)).findFirst()
                .orElseThrow(() -> new RegistryException("no saved device [key=" + key + "]"));
        RegisteredDevice raised = new RegisteredDevice(d.ip(), d.serial(), d.alias(), d.isExtended(),
                d.generation() + 1, d.streamUuids(), d.metadata());
        persistence.write(List.of(raised), List.of());
        Map<String, RegisteredDevice> next = new LinkedHashMap<>(saved);
        next.put(d.serial(), raised);
        saved = Map.copyOf(next);
        if (d.equals(pending.get(d.serial()))) {
            pending.put(d.serial(), raised);
        }
        return raised.generation();
    }

    private RegisteredDevice require(String key) throws RegistryException {
        return findPending(key).orElseThrow(() -> new RegistryException("no such device [key=" + key + "]"));
    }

    /** Whether {@code key} is the device's IP, serial or alias (the keys console commands accept). */

    private static RegisteredDevice withUuids(RegisteredDevice d) {
        Map<String, UUID> uuids = new LinkedHashMap<>();
        for (DatStream s : DatStream.values()) {
            UUID uuid = d.streamUuids().get(s.streamName());
            if (uuid != null || !s.isExtended() || d.isExtended()) {
                uuids.put(s.streamName(), uuid != null ? uuid : UUID.randomUUID());
            }
        }
        return new RegisteredDevice(d.ip(), d.serial(), d.alias(), d.isExtended(), d.generation(), uuids,
                d.metadata());
    }

    private static void check(Pattern pattern, String what, String value) throws RegistryException {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new RegistryException("device " + what + " invalid [" + what + "=" + value + ", allowed="
                    + pattern.pattern() + "]");
        }
    }

    private static List<RegisteredDevice> sorted(java.util.Collection<RegisteredDevice> devices) {
        return devices.stream().sorted(Comparator.comparing(RegisteredDevice::alias)).toList();
    }
}
