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
 * @param lastSynced when the last file was synced (kept across restarts); null when never
 * @param lastError the last error (failed file or store failure), or empty
 * @param failures up to 20 failed files with their reasons; never null
 * @param points points sync wrote for the device (kept across restarts; a re-ingested file counts again)
 * @param oldestPending when the oldest pending file arrived (its spool time); null when none is pending
 * @param configMismatch how the device's latest file disagreed with its configuration and what to change (e.g.
 *     registered base, sends extended files); empty when it agreed; never null
 * @param paused why the device's files wait without being ingested or marked failed, e.g.
 *     {@code paused: device type upmu not installed}; they are ingested once that changes; empty when they do not
 *     wait; never null
 */
public record DeviceSyncStatus(
        String serial,
        String alias,
        long generation,
        int pending,
        int synced,
        int failed,
        Instant lastSynced,
        String lastError,
        List<FailedFile> failures,
        long points,
        Instant oldestPending,
        String configMismatch,
        String paused) {

    public DeviceSyncStatus {
        failures = List.copyOf(failures);
        configMismatch = configMismatch == null ? "" : configMismatch;
        paused = paused == null ? "" : paused;
    }

    /** A status of a device that is not paused (the 2.0 shape). */
    public DeviceSyncStatus(
            String serial,
            String alias,
            long generation,
            int pending,
            int synced,
            int failed,
            Instant lastSynced,
            String lastError,
            List<FailedFile> failures,
            long points,
            Instant oldestPending,
            String configMismatch) {
        this(
                serial,
                alias,
                generation,
                pending,
                synced,
                failed,
                lastSynced,
                lastError,
                failures,
                points,
                oldestPending,
                configMismatch,
                "");
    }

    /** Whether the device's files wait for something operators must do, e.g. install its device type. */
    public boolean isPaused() {
        return !paused.isEmpty();
    }

    /** A status without point count, backlog age or mismatch (the 1.0 shape). */
    public DeviceSyncStatus(
            String serial,
            String alias,
            long generation,
            int pending,
            int synced,
            int failed,
            Instant lastSynced,
            String lastError,
            List<FailedFile> failures) {
        this(serial, alias, generation, pending, synced, failed, lastSynced, lastError, failures, 0, null, "", "");
    }
}
