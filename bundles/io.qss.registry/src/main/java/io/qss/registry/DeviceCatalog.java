// SPDX-License-Identifier: Apache-2.0
package io.qss.registry;

import io.qss.device.StreamSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The configured devices of every type, kept in {@code upmu_database.devices} (field {@code type}; documents without
 * one are uPMUs). Edits share the pending configuration of {@link DeviceRegistry}: {@link #save} saves uPMU and other
 * edits together, as {@code upmu:save} does. uPMUs appear here too (properties {@code ip}, {@code extended}) and
 * {@link #add} of type {@code upmu} is {@link DeviceRegistry#add}. A device whose type's bundle is not installed
 * stays configured. Thread-safe.
 */
@ProviderType
public interface DeviceCatalog {

    /** The saved devices of every type, by alias. */
    List<Device> devices();

    /** The saved devices of {@code type}, by alias. */
    List<Device> devices(String type);

    /** The saved device whose alias or id is {@code key}. */
    Optional<Device> find(String key);

    /** The pending devices of every type (saved plus unsaved edits), by alias. */
    List<Device> pendingDevices();

    /**
     * Adds a device to the pending configuration. The type's bundle must be installed: its property schema is
     * checked (unknown keys, missing required ones) and defaults filled in; the alias must be unused by any type and
     * the id unused within the type. A device added again gets its former stream UUIDs back.
     *
     * @throws RegistryException naming what is wrong, e.g. {@code device type not installed [type=x]}
     */
    Device add(String type, String alias, Map<String, String> properties) throws RegistryException;

    /**
     * Removes the pending device named by {@code key}; with {@code isDataDeleted}, {@link #save} also deletes its
     * streams from the store, for good.
     */
    Device remove(String key, boolean isDataDeleted) throws RegistryException;

    /** Number of pending edits not yet saved, over all types. */
    int unsavedChanges();

    /** Saves the pending configuration of every type (as {@link DeviceRegistry#save}). Blocking. */
    SaveResult save() throws RegistryException;

    /** Drops the pending edits of every type. */
    void discard();

    /** The streams of a saved device, in declaration order. */
    List<StreamEntry> streams(Device device);

    /**
     * Creates the streams a live device announced: missing ones get fresh UUIDs, kept in its saved document and
     * created in the store (collection {@code <type>/<alias>[/<group>]}, tags {@code name}, {@code unit}); existing
     * ones keep theirs. Does not touch the pending configuration. Blocking.
     *
     * @return the device as saved afterwards
     * @throws RegistryException when the device is not saved or the store refused
     */
    Device declareStreams(String alias, List<StreamSpec> streams) throws RegistryException;

    /**
     * Keeps opaque per-device state (at most 1 MiB) in the device's document, e.g. a live device's last
     * configuration frame. Blocking.
     */
    void saveState(String alias, byte[] state) throws RegistryException;

    /** The state last kept for the device; empty when none; never null. */
    byte[] loadState(String alias) throws RegistryException;

    /** Calls {@code listener} after every save that changed the saved devices, on the saving thread. */
    void addListener(Runnable listener);

    /** Stops calling {@code listener}. */
    void removeListener(Runnable listener);
}
