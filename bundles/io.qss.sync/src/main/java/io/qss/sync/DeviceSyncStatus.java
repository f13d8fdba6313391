// SPDX-License-Identifier: Apache-2.0
package io.qss.sync;

import java.time.Instant;
import java.util.List;

/**
 * Sync's view of one registered device. Immutable.
 *
 * @param serial the device's serial; never null
 * @param alias its alias; never null
 * @param generation the generation files are synced at
 * @param pending spooled files not yet synced at this generation
 * @param synced files synced at this generation
 * @param failed files that failed at this generation (see {@code failures})
 * @param lastSynced when the last file was synced; null when none since start
 * @param lastError the last error (failed file or store failure), or empty
 * @param failures up to 20 failed files with their reasons; never null
 */
public record DeviceSyncStatus(String serial, String alias, long generation, int pending, int synced, int failed,
        Instant lastSynced, String lastError, List<FailedFile> failures) {

    public DeviceSyncStatus {
        failures = List.copyOf(failures);
    }
}
