// SPDX-License-Identifier: Apache-2.0
package io.qss.registry;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The configured uPMUs, kept in MongoDB ({@code upmu_database.devices}, one document per device). Edits ({@link #add},
 * {@link #remove}, {@link #setExtended}, {@link #importIni}) change a pending configuration shared by every console
 * session; {@link #save} makes it the saved one and updates the streams' metadata in the store. Readers that act on
 * devices (sync, receiver) see only the saved configuration. Thread-safe.
 */
@ProviderType
public interface DeviceRegistry {

    /** The saved devices, by alias. */
    List<RegisteredDevice> devices();

    /** The saved device sending with {@code serial}, if any. */
    Optional<RegisteredDevice> bySerial(String serial);

    /** The pending devices (saved plus unsaved edits), by alias. */
    List<RegisteredDevice> pendingDevices();

    /** The pending device whose IP, serial or alias equals {@code key}. */
    Optional<RegisteredDevice> findPending(String key);

    /**
     * Adds a device to the pending configuration; IP, serial and alias must be unused. The device keeps the stream
     * UUIDs the store already holds for its serial (a removed device added again gets its own streams back), fresh
     * ones otherwise.
     *
     * @throws RegistryException when IP, serial or alias are in use or invalid, when streams of another serial live
     *     at {@code /upmu/<alias>/}, or when the serial's data is marked for deletion by an unsaved removal
     */
    RegisteredDevice add(String ip, String serial, String alias, boolean isExtended) throws RegistryException;

    /** Removes the pending device whose IP, serial or alias is {@code key}; its stored data stays. */
    RegisteredDevice remove(String key) throws RegistryException;

    /**
     * Removes the pending device whose IP, serial or alias is {@code key}; with {@code isDataDeleted}, {@link #save}
     * also deletes its streams (every stream of its serial) from the store, for good.
     */
    RegisteredDevice remove(String key, boolean isDataDeleted) throws RegistryException;

    /** Switches the pending device with IP (or serial or alias) {@code key} between base and extended. */
    RegisteredDevice setExtended(String key, boolean isExtended) throws RegistryException;

    /** Number of pending edits not yet saved (0 = clean). */
    int unsavedChanges();

    /**
     * Saves the pending configuration to MongoDB and creates or updates each device's streams in the store
     * (collection {@code upmu/<alias>}, tags {@code name}, {@code unit}, annotations serial, ip, alias). Blocking.
     */
    SaveResult save() throws RegistryException;

    /** Drops the pending edits (and data deletions asked with them). */
    void discard();

    /** The streams of a device (13 or 19), in canonical order. */
    List<StreamEntry> streams(RegisteredDevice device);

    /**
     * What {@link #importIni} of {@code text} would add, remove and change in the pending configuration; changes
     * nothing.
     *
     * @throws RegistryException as {@link #importIni} would
     */
    List<DeviceChange> previewIni(String text) throws RegistryException;

    /**
     * Replaces the pending configuration by the devices of an upmuconfig.ini text, keeping UUIDs it names, else the
     * ones the device has or the store holds for its serial.
     *
     * @return the number of devices read
     * @throws RegistryException when the text cannot be parsed, naming the line, or gives a device a stream UUID
     *     the store holds for another serial
     */
    int importIni(String text) throws RegistryException;

    /** The pending configuration as upmuconfig.ini text (the manual's format). */
    String exportIni();

    /** Raises the saved device's generation by one, so every spooled file of it is ingested again; returns it. */
    long raiseGeneration(String key) throws RegistryException;
}
