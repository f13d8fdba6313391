// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import io.qss.dat.UpmuConstants;
import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceType;
import io.qss.device.PropertySpec;
import io.qss.device.StreamSpec;
import io.qss.registry.Device;
import io.qss.registry.DeviceCatalog;
import io.qss.registry.RegisteredDevice;
import io.qss.registry.RegistryException;
import io.qss.registry.SaveResult;
import io.qss.registry.StreamEntry;
import io.qss.store.api.TimeSeriesStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices of every type. uPMUs stay in the uPMU registry ({@link DeviceRegistryImpl}), shown here as
 * {@link Device}s; devices of other types are kept here, saved and discarded with the uPMU edits as one pending
 * configuration (this catalog is the registry's {@link DeviceRegistryImpl.PendingPart}). Plain Java; edits lock the
 * uPMU registry, readers of saved state use volatile snapshots.
 */
public final class DeviceCatalogImpl implements DeviceCatalog, DeviceRegistryImpl.PendingPart {

    /** The uPMU's configuration schema, used when the uPMU type declares none. */
    static final List<PropertySpec> UPMU_PROPERTIES = List.of(
            new PropertySpec(UpmuConstants.PROPERTY_IP, "the uPMU's IP address", true, null),
            new PropertySpec("serial", "the serial number it sends with its files, e.g. P3001035", true, null),
            new PropertySpec(UpmuConstants.PROPERTY_EXTENDED, "true for extended mode (19 streams)", false, "false"));

    private static final Logger LOG = LoggerFactory.getLogger(DeviceCatalogImpl.class);
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final DeviceRegistryImpl upmus;
    private final MongoCatalogStore persistence;
    private final TimeSeriesStore store;
    private final DeviceTypes types;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, CatalogEntry> saved = Map.of();
    private final Map<String, CatalogEntry> pending = new LinkedHashMap<>();
    private final Set<String> dataDeletions = new TreeSet<>();

    DeviceCatalogImpl(
            DeviceRegistryImpl upmus, MongoCatalogStore persistence, TimeSeriesStore store, DeviceTypes types) {
        this.upmus = upmus;
        this.persistence = persistence;
        this.store = store;
        this.types = types;
    }

    /** Loads the saved devices and joins the uPMU registry's pending configuration; call once before use. */
    void load() throws RegistryException {
        synchronized (upmus) {
            Map<String, CatalogEntry> loaded = loadSaved();
            saved = Map.copyOf(loaded);
            pending.clear();
            pending.putAll(loaded);
            dataDeletions.clear();
            upmus.attach(this);
        }
    }

    /** The saved devices as MongoDB holds them, by document id. */
    private Map<String, CatalogEntry> loadSaved() throws RegistryException {
        Map<String, CatalogEntry> loaded = new LinkedHashMap<>();
        persistence.load().forEach(e -> loaded.put(e.documentId(), e));
        return loaded;
    }

    /** Leaves the uPMU registry's pending configuration (this catalog's unsaved edits are dropped). */
    void close() {
        upmus.attach(DeviceRegistryImpl.PendingPart.NONE);
    }

    @Override
    public List<Device> devices() {
        return sorted(Stream.concat(
                upmus.devices().stream().map(DeviceCatalogImpl::asDevice),
                saved.values().stream().map(CatalogEntry::device)));
    }

    @Override
    public List<Device> devices(String type) {
        return devices().stream().filter(d -> d.type().equals(type)).toList();
    }

    @Override
    public Optional<Device> find(String key) {
        List<Device> all = devices();
        return all.stream()
                .filter(d -> d.alias().equals(key))
                .findFirst()
                .or(() -> all.stream().filter(d -> d.id().equals(key)).findFirst());
    }

    @Override
    public List<Device> pendingDevices() {
        synchronized (upmus) {
            return sorted(Stream.concat(
                    upmus.pendingDevices().stream().map(DeviceCatalogImpl::asDevice),
                    pending.values().stream().map(CatalogEntry::device)));
        }
    }

    @Override
    public Device add(String type, String alias, Map<String, String> properties) throws RegistryException {
        if (UpmuConstants.TYPE_ID.equals(type)) {
            return addUpmu(alias, properties);
        }
        DeviceType deviceType = types.get(type)
                .orElseThrow(() -> new RegistryException("device type not installed"
                        + " (see device:types; install its bundle first) [type=" + type + ", installed="
                        + String.join(",", types.ids()) + "]"));
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new RegistryException("device alias invalid [alias=" + alias + ", allowed=" + ALIAS.pattern() + "]");
        }
        Map<String, String> props = PropertySchema.complete(type, deviceType.properties(), properties);
        String id = call(type, "deviceId", () -> deviceType.deviceId(alias, props));
        if (id == null || id.isBlank()) {
            throw new RegistryException("device type gave no device id [type=" + type + ", alias=" + alias + "]");
        }
        synchronized (upmus) {
            requireFree(type, id, alias);
            CatalogEntry entry = withStaticStreams(deviceType, new Device(type, id, alias, props, Map.of()));
            pending.put(entry.documentId(), entry);
            return entry.device();
        }
    }

    private Device addUpmu(String alias, Map<String, String> properties) throws RegistryException {
        List<PropertySpec> declared =
                types.get(UpmuConstants.TYPE_ID).map(DeviceType::properties).orElse(List.of());
        Map<String, String> props = PropertySchema.complete(
                UpmuConstants.TYPE_ID, declared.isEmpty() ? UPMU_PROPERTIES : declared, properties);
        return asDevice(upmus.add(
                props.get(UpmuConstants.PROPERTY_IP),
                props.get("serial"),
                alias,
                Boolean.parseBoolean(props.get(UpmuConstants.PROPERTY_EXTENDED))));
    }

    /**
     * Refuses an alias in use by any type, an id in use within the type, an id whose data an unsaved removal is to
     * delete, and an alias whose collection holds streams of another device of the type (one device's data would
     * show as the other's).
     */
    private void requireFree(String type, String id, String alias) throws RegistryException {
        for (Device d : pendingDevices()) {
            if (d.alias().equals(alias) || d.type().equals(type) && d.id().equals(id)) {
                throw new RegistryException("device already configured [type=" + d.type() + ", id=" + d.id()
                        + ", alias=" + d.alias() + "]");
            }
        }
        String documentId = CatalogEntry.documentId(type, id);
        if (dataDeletions.contains(documentId)) {
            throw new RegistryException("device data is marked for deletion by an unsaved removal; run device:save"
                    + " first, or device:pending --discard [type=" + type + ", id=" + id + "]");
        }
        Set<String> others = CatalogStreams.otherIdsAt(store, type, alias, id);
        dataDeletions.stream()
                .filter(k -> k.startsWith(type + ":"))
                .forEach(k -> others.remove(k.substring(type.length() + 1)));
        if (!others.isEmpty()) {
            throw new RegistryException("streams of another device live at /" + type + "/" + alias + "/; add that"
                    + " device again, choose another alias, or delete its data (device:rem --delete-data) [alias="
                    + alias + ", id=" + id + ", storedIds=" + String.join(",", others) + "]");
        }
    }

    /**
     * The device with the streams its type declares, each with the UUID the device had (saved, else found in the
     * store, so a device added again gets its streams back) or a fresh one; streams it declared live are kept after
     * them.
     */
    private CatalogEntry withStaticStreams(DeviceType type, Device device) throws RegistryException {
        CatalogEntry before = saved.get(CatalogEntry.documentId(device.type(), device.id()));
        Map<String, StreamEntry> known = CatalogStreams.known(store, device.type(), device.id(), device.alias());
        if (before != null) {
            before.device().streamUuids().keySet().forEach(k -> known.put(k, before.stream(k)));
        }
        DeviceDescriptor descriptor = device.descriptor();
        List<StreamSpec> specs = call(device.type(), "streams", () -> type.streams(descriptor));
        Map<String, StreamEntry> streams = new LinkedHashMap<>();
        for (StreamSpec s : specs) {
            StreamEntry k = known.get(s.key());
            streams.put(
                    s.key(),
                    new StreamEntry(
                            device.path(s.key()), s.name(), s.unit(), k == null ? UUID.randomUUID() : k.uuid()));
        }
        long generation = before == null ? 1 : before.generation();
        return new CatalogEntry(device, Map.of(), generation)
                .withStreams(streams)
                .withStreams(known);
    }

    @Override
    public Device remove(String key, boolean isDataDeleted) throws RegistryException {
        synchronized (upmus) {
            Optional<CatalogEntry> entry = pendingEntry(e -> e.device().alias().equals(key));
            Optional<RegisteredDevice> upmu = upmus.findPending(key);
            if (entry.isEmpty() && upmu.isEmpty()) {
                entry = pendingEntry(e -> e.device().id().equals(key));
            }
            if (entry.isEmpty()) {
                RegisteredDevice d = upmu.orElseThrow(
                        () -> new RegistryException("no device named " + key + " (by alias or id) [key=" + key + "]"));
                return asDevice(upmus.remove(d.serial(), isDataDeleted));
            }
            pending.remove(entry.get().documentId());
            if (isDataDeleted) {
                dataDeletions.add(entry.get().documentId());
            }
            return entry.get().device();
        }
    }

    private Optional<CatalogEntry> pendingEntry(Predicate<CatalogEntry> filter) {
        return pending.values().stream().filter(filter).findFirst();
    }

    @Override
    public int unsavedChanges() {
        return upmus.unsavedChanges();
    }

    @Override
    public SaveResult save() throws RegistryException {
        return upmus.save();
    }

    @Override
    public void discard() {
        upmus.discard();
    }

    @Override
    public List<StreamEntry> streams(Device device) {
        if (UpmuConstants.TYPE_ID.equals(device.type())) {
            return upmus.bySerial(device.id()).map(upmus::streams).orElse(List.of());
        }
        CatalogEntry entry = saved.get(CatalogEntry.documentId(device.type(), device.id()));
        return entry == null ? List.of() : entry.streams();
    }

    @Override
    public Device declareStreams(String alias, List<StreamSpec> streams) throws RegistryException {
        synchronized (upmus) {
            CatalogEntry entry = savedEntry(alias);
            Map<String, StreamEntry> added = new LinkedHashMap<>();
            Map<String, StreamEntry> known = null;
            for (StreamSpec s : streams) {
                if (entry.device().streamUuids().containsKey(s.key()) || added.containsKey(s.key())) {
                    continue;
                }
                known = known != null
                        ? known
                        : CatalogStreams.known(
                                store, entry.device().type(), entry.device().id(), alias);
                StreamEntry k = known.get(s.key());
                added.put(
                        s.key(),
                        new StreamEntry(
                                entry.device().path(s.key()),
                                s.name(),
                                s.unit(),
                                k == null ? UUID.randomUUID() : k.uuid()));
            }
            if (added.isEmpty()) {
                return entry.device();
            }
            CatalogEntry next = entry.withStreams(added);
            CatalogStreams.apply(store, next);
            upmus.noteWrite();
            persistence.write(List.of(next), List.of());
            replaceSaved(entry, next, added);
            return next.device();
        }
    }

    /** Makes {@code next} the saved entry; the pending one gets the new streams too, so a save keeps them. */
    private void replaceSaved(CatalogEntry before, CatalogEntry next, Map<String, StreamEntry> added) {
        Map<String, CatalogEntry> all = new LinkedHashMap<>(saved);
        all.put(next.documentId(), next);
        saved = Map.copyOf(all);
        CatalogEntry inPending = pending.get(next.documentId());
        if (before.equals(inPending)) {
            pending.put(next.documentId(), next);
        } else if (inPending != null) {
            pending.put(next.documentId(), inPending.withStreams(added));
        }
    }

    private CatalogEntry savedEntry(String alias) throws RegistryException {
        for (CatalogEntry e : saved.values()) {
            if (e.device().alias().equals(alias)) {
                return e;
            }
        }
        String reason = upmus.devices().stream().anyMatch(d -> d.alias().equals(alias))
                ? "uPMU streams are fixed by the device type"
                : "no saved device";
        throw new RegistryException(reason + " [alias=" + alias + "]");
    }

    @Override
    public void saveState(String alias, byte[] state) throws RegistryException {
        persistence.saveState(savedDocumentId(alias), state);
    }

    @Override
    public byte[] loadState(String alias) throws RegistryException {
        return persistence.loadState(savedDocumentId(alias));
    }

    /** The document of the saved device {@code alias}: a uPMU's serial, else {@code <type>:<id>}. */
    private String savedDocumentId(String alias) throws RegistryException {
        Optional<Device> device =
                devices().stream().filter(d -> d.alias().equals(alias)).findFirst();
        Device d = device.orElseThrow(() -> new RegistryException("no saved device [alias=" + alias + "]"));
        return UpmuConstants.TYPE_ID.equals(d.type()) ? d.id() : CatalogEntry.documentId(d.type(), d.id());
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    // The pending part of the uPMU registry; called under its lock.

    @Override
    public boolean isAliasUsed(String alias) {
        return pending.values().stream().anyMatch(e -> e.device().alias().equals(alias));
    }

    @Override
    public int unsavedChangesOfPart() {
        int changes = 0;
        for (CatalogEntry e : pending.values()) {
            changes += e.equals(saved.get(e.documentId())) ? 0 : 1;
        }
        for (String id : saved.keySet()) {
            changes += pending.containsKey(id) ? 0 : 1;
        }
        return changes;
    }

    @Override
    public void requireDistinctAliases() throws RegistryException {
        Map<String, String> idByAlias = new LinkedHashMap<>();
        for (CatalogEntry e : pending.values()) {
            String other = idByAlias.putIfAbsent(e.device().alias(), e.documentId());
            if (other != null) {
                throw new RegistryException("two pending devices have one alias (one may come from another node);"
                        + " remove the unsaved one, or discard [alias="
                        + e.device().alias() + ", devices=" + other
                        + "," + e.documentId() + "]");
            }
        }
    }

    @Override
    public SaveResult savePart() throws RegistryException {
        List<CatalogEntry> upserts = new ArrayList<>();
        int added = 0;
        for (CatalogEntry e : pending.values()) {
            CatalogEntry before = saved.get(e.documentId());
            if (!e.equals(before)) {
                upserts.add(e);
                added += before == null ? 1 : 0;
            }
        }
        List<String> removed =
                saved.keySet().stream().filter(id -> !pending.containsKey(id)).toList();
        for (String id : dataDeletions) {
            CatalogEntry e = saved.get(id);
            int colon = id.indexOf(':');
            CatalogStreams.delete(store, e, id.substring(0, colon), id.substring(colon + 1));
        }
        for (CatalogEntry e : upserts) {
            CatalogStreams.apply(store, e);
        }
        persistence.write(upserts, removed);
        saved = Map.copyOf(pending);
        int dataDeleted = dataDeletions.size();
        dataDeletions.clear();
        return new SaveResult(added, removed.size(), upserts.size() - added, dataDeleted);
    }

    @Override
    public void saved(SaveResult total) {
        if (total.isEmpty() && total.dataDeleted() == 0) {
            return;
        }
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("device catalog listener failed [listener={}]", listener, e);
            }
        }
    }

    @Override
    public void discardPart() {
        pending.clear();
        pending.putAll(saved);
        dataDeletions.clear();
    }

    @Override
    public DeviceRegistryImpl.Adoption readSaved() throws RegistryException {
        Map<String, CatalogEntry> now = loadSaved();
        return () -> {
            FollowedChanges changes = FollowedChanges.adopt(saved, now, pending);
            if (!changes.isEmpty()) {
                saved = Map.copyOf(now);
            }
            return changes;
        };
    }

    /** A uPMU as a device of the catalog: id = serial, properties {@code ip} and {@code extended}. */
    static Device asDevice(RegisteredDevice d) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(UpmuConstants.PROPERTY_IP, d.ip());
        properties.put(UpmuConstants.PROPERTY_EXTENDED, Boolean.toString(d.isExtended()));
        return new Device(UpmuConstants.TYPE_ID, d.serial(), d.alias(), properties, d.streamUuids());
    }

    /** Calls a device type's method, turning its failure into a registry error naming the type. */
    private static <T> T call(String type, String method, Callable<T> call) throws RegistryException {
        try {
            return call.call();
        } catch (Exception e) {
            throw new RegistryException("device type failed [type=" + type + ", method=" + method + "]", e);
        }
    }

    private static List<Device> sorted(Stream<Device> devices) {
        return devices.sorted(Comparator.comparing(Device::alias)).toList();
    }
}
