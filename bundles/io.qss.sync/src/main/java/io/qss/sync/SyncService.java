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
     * sync. The device is {@code serial} when given, else the serial that starts the file name
     * ({@code <serial>_...dat}) or names a parent folder. Files already spooled with the same size are skipped, so an
     * interrupted import can be run again. Blocking.
     */
    ImportReport importDat(Path dir, String serial, ImportProgress progress) throws SyncException;

    /** Spooled files synced at their device's current generation: what {@link #deleteSynced()} would remove. */
    CleanReport synced() throws SyncException;

    /** Deletes the spooled files that are synced at their device's current generation. */
    CleanReport deleteSynced() throws SyncException;
}
