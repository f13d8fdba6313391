// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import io.qss.dat.DatStream;
import io.qss.registry.DeviceChange;
import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegisteredDevice;
import io.qss.registry.RegistryException;
import io.qss.registry.SaveResult;
import io.qss.registry.StreamEntry;
import io.qss.store.api.TimeSeriesStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The registry: saved devices (what sync and receiver act on) and one pending copy that console edits change until
 * {@link #save}, and which follows what another node saves ({@link #follow}). Plain Java; all methods synchronise on
 * the instance (following reads MongoDB outside the lock and adopts under it), readers of saved state use a volatile
 * snapshot.
 */
public final class DeviceRegistryImpl implements DeviceRegistry {

    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final DeviceStore persistence;
    private final TimeSeriesStore store;
    private final FollowGate gate;
    private volatile Map<String, RegisteredDevice> saved = Map.of();
    private final Map<String, RegisteredDevice> pending = new LinkedHashMap<>();
    private final Set<String> dataDeletions = new TreeSet<>();
    private PendingPart otherTypes = PendingPart.NONE;
    private long writes;

    /**
     * The pending devices of other types ({@link DeviceCatalogImpl}): one pending configuration, so the uPMU edits'
     * save, discard and change count include them, and aliases are unique over all types. Called under this
     * registry's lock.
     */
    interface PendingPart {

        PendingPart NONE = new PendingPart() {};

        /** Whether a pending device of another type has {@code alias}. */
        default boolean isAliasUsed(String alias) {
            return false;
        }

        /** Pending edits not yet saved. */
        default int unsavedChangesOfPart() {
            return 0;
        }

        /** Refuses a save of the part's pending devices that would give two of them one alias; before any write. */
        default void requireDistinctAliases() throws RegistryException {}

        /** Saves the part's pending edits, after the uPMUs'. */
        default SaveResult savePart() throws RegistryException {
            return new SaveResult(0, 0, 0);
        }

        /** Called once the whole save succeeded with what it changed in total. */
        default void saved(SaveResult total) {}

        /** Drops the part's pending edits. */
        default void discardPart() {}

        /**
         * Reads the part's saved devices from MongoDB, outside the registry's lock; the result adopts them into the
         * part under the lock.
         */
        default Adoption readSaved() throws RegistryException {
            return () -> FollowedChanges.NONE;
        }
    }

    /** Saved devices read from MongoDB, to be adopted under the registry's lock. */
    interface Adoption {

        /** Makes what was read the saved state and brings the unedited pending devices along. */
        FollowedChanges adopt();
    }

    DeviceRegistryImpl(DeviceStore persistence, TimeSeriesStore store) {
        this(persistence, store, FollowGate.always());
    }

    /** A registry whose {@link #follow} reads the devices only when {@code gate} says they may have changed. */
    DeviceRegistryImpl(DeviceStore persistence, TimeSeriesStore store, FollowGate gate) {
        this.persistence = persistence;
        this.store = store;
        this.gate = gate;
    }

    /** Makes {@code part} part of the pending configuration ({@link PendingPart#NONE} to detach). */
    synchronized void attach(PendingPart part) {
        otherTypes = part;
    }

    /** Loads the saved devices; call once before use. */
    synchronized void load() throws RegistryException {
        Map<String, RegisteredDevice> loaded = bySerial(persistence.load());
        saved = Map.copyOf(loaded);
        pending.clear();
        pending.putAll(loaded);
    }

    /**
     * Adopts the saved devices of both parts as MongoDB holds them now (another node may have saved since), keeping
     * unsaved edits pending, and tells the part's listeners, as a local save does, when anything changed. Reads
     * MongoDB outside the lock; when this node wrote devices meanwhile the round adopts nothing (the next one
     * compares again), so a save of this node never shows as another node's change. Reads the devices only when the
     * gate says so (the marker changed, or a full reading is due); otherwise the round reads the marker alone.
     *
     * @return what changed; empty when MongoDB holds what this node knows, or when the round was skipped
     */
    FollowedChanges follow() throws RegistryException {
        long writesBefore;
        PendingPart part;
        synchronized (this) {
            writesBefore = writes;
            part = otherTypes;
        }
        FollowGate.Round round = gate.begin();
        if (!round.isReadNeeded()) {
            return FollowedChanges.NONE;
        }
        Map<String, RegisteredDevice> now = bySerial(persistence.load());
        Adoption ofPart = part.readSaved();
        FollowedChanges changes;
        synchronized (this) {
            if (writes != writesBefore || part != otherTypes) {
                return FollowedChanges.NONE;
            }
            changes = FollowedChanges.adopt(saved, now, pending);
            if (!changes.isEmpty()) {
                saved = Map.copyOf(now);
            }
            changes = changes.plus(ofPart.adopt());
        }
        gate.adopted(round);
        if (!changes.isEmpty()) {
            part.saved(new SaveResult(
                    changes.added().size(),
                    changes.removed().size(),
                    changes.changed().size()));
        }
        return changes;
    }

    /** Counts a write of saved devices to MongoDB about to start (the catalog's own writes call this too). */
    synchronized void noteWrite() {
        writes++;
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
        requireAliasUnused(alias);
        if (dataDeletions.contains(serial)) {
            throw new RegistryException("device data is marked for deletion by an unsaved removal; run upmu:save"
                    + " first, or upmu:pending --discard [serial=" + serial + "]");
        }
        String collection = RegisteredDevice.defaultCollection(alias);
        requireCollectionFree(serial, collection, pending.values());
        RegisteredDevice known = saved.get(serial);
        long generation = known == null ? 1 : known.generation();
        RegisteredDevice device = withUuids(new RegisteredDevice(
                ip, serial, alias, isExtended, generation, knownUuids(serial, collection), Map.of()));
        pending.put(serial, device);
        return device;
    }

    @Override
    public RegisteredDevice remove(String key) throws RegistryException {
        return remove(key, false);
    }

    @Override
    public synchronized RegisteredDevice remove(String key, boolean isDataDeleted) throws RegistryException {
        RegisteredDevice device = require(key);
        pending.remove(device.serial());
        if (isDataDeleted) {
            dataDeletions.add(device.serial());
        }
        return device;
    }

    @Override
    public synchronized RegisteredDevice setExtended(String key, boolean isExtended) throws RegistryException {
        RegisteredDevice d = require(key);
        RegisteredDevice changed = withUuids(new RegisteredDevice(
                d.ip(),
                d.serial(),
                d.alias(),
                isExtended,
                d.generation(),
                d.streamUuids(),
                d.metadata(),
                ownCollection(d)));
        pending.put(d.serial(), changed);
        return changed;
    }

    @Override
    public synchronized int unsavedChanges() {
        int changes = otherTypes.unsavedChangesOfPart();
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
        requireDistinctAliases();
        otherTypes.requireDistinctAliases();
        List<RegisteredDevice> upserts = new ArrayList<>();
        int added = 0;
        for (RegisteredDevice d : pending.values()) {
            RegisteredDevice before = saved.get(d.serial());
            if (!d.equals(before)) {
                upserts.add(d);
                added += before == null ? 1 : 0;
            }
        }
        List<String> removed =
                saved.keySet().stream().filter(s -> !pending.containsKey(s)).toList();
        for (String serial : dataDeletions) {
            deleteStreams(saved.get(serial), serial);
        }
        for (RegisteredDevice d : upserts) {
            StreamMetadata.apply(store, d, streams(d));
        }
        noteWrite();
        persistence.write(upserts, removed);
        saved = Map.copyOf(pending);
        int dataDeleted = dataDeletions.size();
        dataDeletions.clear();
        SaveResult others = otherTypes.savePart();
        SaveResult total = new SaveResult(
                added + others.added(),
                removed.size() + others.removed(),
                upserts.size() - added + others.updated(),
                dataDeleted + others.dataDeleted());
        otherTypes.saved(total);
        return total;
    }

    @Override
    public synchronized void discard() {
        pending.clear();
        pending.putAll(saved);
        dataDeletions.clear();
        otherTypes.discardPart();
    }

    @Override
    public List<StreamEntry> streams(RegisteredDevice device) {
        return DatStream.streams(device.isExtended()).stream()
                .map(s -> new StreamEntry(
                        device.path(s.streamName()),
                        s.streamName(),
                        s.unit(),
                        device.streamUuids().get(s.streamName())))
                .toList();
    }

    @Override
    public synchronized List<DeviceChange> previewIni(String text) throws RegistryException {
        return IniChanges.between(pending, fromIni(text));
    }

    @Override
    public synchronized int importIni(String text) throws RegistryException {
        Map<String, RegisteredDevice> next = fromIni(text);
        pending.clear();
        pending.putAll(next);
        dataDeletions.removeAll(next.keySet());
        return next.size();
    }

    /** The devices of an upmuconfig.ini, each with the UUIDs the text names, else its known ones, else fresh. */
    private Map<String, RegisteredDevice> fromIni(String text) throws RegistryException {
        Map<String, RegisteredDevice> next = new LinkedHashMap<>();
        for (RegisteredDevice d : UpmuConfigIni.parse(text)) {
            check(SERIAL, "serial", d.serial());
            check(ALIAS, "alias", d.alias());
            requireOwnUuids(d);
            RegisteredDevice known = saved.get(d.serial());
            long generation = known == null ? 1 : known.generation();
            Map<String, UUID> uuids = knownUuids(d.serial(), d.collection());
            uuids.putAll(d.streamUuids());
            RegisteredDevice merged = withUuids(new RegisteredDevice(
                    d.ip(), d.serial(), d.alias(), d.isExtended(), generation, uuids, d.metadata(), ownCollection(d)));
            if (next.put(merged.serial(), merged) != null) {
                throw new RegistryException("upmuconfig.ini names a serial twice [serial=" + d.serial() + "]");
            }
        }
        Set<String> aliases = new TreeSet<>();
        Set<String> collections = new TreeSet<>();
        for (RegisteredDevice d : next.values()) {
            if (!aliases.add(d.alias())) {
                throw new RegistryException("upmuconfig.ini names an alias twice [alias=" + d.alias() + "]");
            }
            if (!collections.add(d.collection())) {
                throw new RegistryException("upmuconfig.ini gives two devices the same stream paths [path=/"
                        + d.collection() + "/, serial=" + d.serial() + "]");
            }
            requireAliasUnused(d.alias());
            requireCollectionFree(d.serial(), d.collection(), next.values());
        }
        return next;
    }

    @Override
    public synchronized String exportIni() {
        return UpmuConfigIni.write(pendingDevices());
    }

    @Override
    public synchronized long raiseGeneration(String key) throws RegistryException {
        RegisteredDevice d = saved.values().stream()
                .filter(x -> x.isNamedBy(key))
                .findFirst()
                .orElseThrow(() -> new RegistryException("no saved device [key=" + key + "]"));
        RegisteredDevice raised = d.withGeneration(d.generation() + 1);
        noteWrite();
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
        return findPending(key)
                .orElseThrow(() -> new RegistryException(
                        "no device named " + key + " (by IP, serial or alias) [key=" + key + "]"));
    }

    /**
     * The stream UUIDs the serial already has: the saved device's, else those the store holds for the serial, so a
     * removed device added again keeps its streams instead of getting a second set at the same paths.
     */
    private Map<String, UUID> knownUuids(String serial, String collection) {
        RegisteredDevice known = saved.get(serial);
        Map<String, UUID> uuids = StoredStreams.uuidsOf(store, serial, collection);
        if (known != null) {
            uuids.putAll(known.streamUuids());
        }
        return uuids;
    }

    /**
     * Refuses pending uPMUs that share an alias, with each other or with a device of another type: edits here check
     * the alias when made, but a device another node saved, once followed, can meet an unsaved one of this node with
     * the same alias, and saving both would put two devices' streams at one path.
     */
    private void requireDistinctAliases() throws RegistryException {
        Map<String, String> serialByAlias = new LinkedHashMap<>();
        for (RegisteredDevice d : pending.values()) {
            String other = serialByAlias.putIfAbsent(d.alias(), d.serial());
            if (other != null) {
                throw new RegistryException("two pending devices have one alias (one may come from another node);"
                        + " remove or change the unsaved one, or discard [alias=" + d.alias() + ", serials=" + other
                        + "," + d.serial() + "]");
            }
            requireAliasUnused(d.alias());
        }
    }

    /** Refuses an alias a device of another type has: aliases name devices in commands, over all types. */
    private void requireAliasUnused(String alias) throws RegistryException {
        if (otherTypes.isAliasUsed(alias)) {
            throw new RegistryException(
                    "alias already used by a device of another type; see device:list [alias=" + alias + "]");
        }
    }

    /**
     * Refuses a collection (by default {@code upmu/<alias>}) that holds streams of another serial, unless that
     * serial's data is to be deleted or it stays configured elsewhere (its streams move there on save): two devices'
     * streams at the same paths would show one device's data as the other's.
     */
    private void requireCollectionFree(String serial, String collection, Collection<RegisteredDevice> configured)
            throws RegistryException {
        String alias = collection.substring(collection.lastIndexOf('/') + 1);
        Set<String> others = StoredStreams.otherSerialsIn(store, collection, serial);
        others.removeAll(dataDeletions);
        configured.stream().filter(d -> !d.collection().equals(collection)).forEach(d -> others.remove(d.serial()));
        if (!others.isEmpty()) {
            throw new RegistryException("streams of another device live at /" + collection + "/; add that device"
                    + " again, choose another alias, or delete its data (upmu:rem --delete-data) [alias=" + alias
                    + ", serial=" + serial + ", storedSerials=" + String.join(",", others) + "]");
        }
    }

    /** Refuses stream UUIDs the store holds for another serial: they would put this device's data in its streams. */
    private void requireOwnUuids(RegisteredDevice d) throws RegistryException {
        for (Map.Entry<String, UUID> e : d.streamUuids().entrySet()) {
            Optional<String> owner = StoredStreams.serialOf(store, e.getValue());
            if (owner.isPresent() && !owner.get().equals(d.serial())) {
                throw new RegistryException("upmuconfig.ini gives a device a stream of another device [serial="
                        + d.serial() + ", stream=" + e.getKey() + ", uuid=" + e.getValue() + ", storedSerial="
                        + owner.get() + "]");
            }
        }
    }

    /** Deletes every stream of the serial: the saved device's and any other the store annotates with the serial. */
    private void deleteStreams(RegisteredDevice device, String serial) throws RegistryException {
        Set<UUID> uuids = new LinkedHashSet<>();
        if (device != null) {
            uuids.addAll(device.streamUuids().values());
        }
        StoredStreams.ofSerial(store, serial).forEach(s -> uuids.add(s.uuid()));
        StoredStreams.obliterate(store, uuids, "serial=" + serial);
    }

    private static RegisteredDevice withUuids(RegisteredDevice d) {
        Map<String, UUID> uuids = new LinkedHashMap<>();
        for (DatStream s : DatStream.values()) {
            UUID uuid = d.streamUuids().get(s.streamName());
            if (uuid != null || !s.isExtended() || d.isExtended()) {
                uuids.put(s.streamName(), uuid != null ? uuid : UUID.randomUUID());
            }
        }
        return new RegisteredDevice(
                d.ip(), d.serial(), d.alias(), d.isExtended(), d.generation(), uuids, d.metadata(), ownCollection(d));
    }

    /** The device's collection when it is not the default one, else null (so an alias change moves it along). */
    private static String ownCollection(RegisteredDevice d) {
        return d.hasOwnCollection() ? d.collection() : null;
    }

    private static void check(Pattern pattern, String what, String value) throws RegistryException {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new RegistryException(
                    "device " + what + " invalid [" + what + "=" + value + ", allowed=" + pattern.pattern() + "]");
        }
    }

    private static Map<String, RegisteredDevice> bySerial(List<RegisteredDevice> devices) {
        Map<String, RegisteredDevice> keyed = new LinkedHashMap<>();
        devices.forEach(d -> keyed.put(d.serial(), d));
        return keyed;
    }

    private static List<RegisteredDevice> sorted(Collection<RegisteredDevice> devices) {
        return devices.stream()
                .sorted(Comparator.comparing(RegisteredDevice::alias))
                .toList();
    }
}
