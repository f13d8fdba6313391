// SPDX-License-Identifier: Apache-2.0
package io.qss.sync;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sync: takes each registered device's spooled files in name order through its device type into the store and
 * marks them synced at the device's generation (bookkeeping on disk next to the spool). Thread-safe.
 */
@ProviderType
public interface SyncService {

    /** Every registered device's sync status, by alias. */
    List<DeviceSyncStatus> status();

    /** Serials with spooled files that are not registered (kept, not ingested), with their file counts. */
    Map<String, Integer> unknownSenders();

    /**
     * Raises the device's generation so every spooled file of it is ingested again.
     *
     * @param key IP, serial or alias of a saved device
     * @return the new generation
     */
    long reingest(String key) throws SyncException;

    /**
     * Copies every {@code .dat} file under {@code dir} (recursively) into the spool of its device, which queues it for
     * sync. A file's device is the serial its path names ({@code io.qss.dat.DatFileSerials}: file name
     * {@code <serial>_...dat} or a folder named after the serial); {@code serial}, when given, applies only to files
     * whose path names none. A file is refused (left in place and listed) when its path names two serials, a serial
     * other than {@code serial}, or an unregistered one, or when it names none and no serial is given. Files already
     * spooled with the same size are skipped, so an interrupted import can be run again. Blocking.
     *
     * @throws SyncException when {@code dir} is not a folder, {@code serial} is not a registered serial, or copying
     *     fails
     */
    ImportReport importDat(Path dir, String serial, ImportProgress progress) throws SyncException;

    /** Spooled files synced at their device's current generation: what {@link #deleteSynced()} would remove. */
    CleanReport synced() throws SyncException;

    /** Deletes the spooled files that are synced at their device's current generation. */
    CleanReport deleteSynced() throws SyncException;
}
