// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import io.qss.sync.DeviceSyncStatus;
import io.qss.sync.SyncService;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * Waits until sync has taken every spooled file of the migrated devices into the store, showing progress. It stops
 * waiting, and says so, when a device is paused (its device type is missing) or nothing moved for
 * {@code stallSeconds}: sync goes on in the background, {@code upmu:list} shows it. Stateless.
 */
final class SyncWait {

    private SyncWait() {}

    /**
     * Returns the sync status of the devices with {@code serials} (registered ones) once sync follows each of them and
     * they have nothing pending (or it stalled).
     */
    static List<DeviceSyncStatus> await(
            SyncService sync, Set<String> serials, ProgressBar.Factory progress, PrintStream out, long stallSeconds)
            throws InterruptedException {
        int initial = pending(sync, serials);
        ProgressBar bar = progress.create("synced", initial);
        long lastChange = System.nanoTime();
        int before = initial;
        while (true) {
            List<DeviceSyncStatus> status = of(sync, serials);
            int now = status.stream().mapToInt(DeviceSyncStatus::pending).sum();
            bar.step(Math.max(0, initial - now));
            // a device registered a moment ago is not followed by sync yet, so its spooled files are not pending yet
            boolean isEveryDeviceFollowed = status.size() >= serials.size();
            if (now == 0 && isEveryDeviceFollowed) {
                bar.finish(initial);
                return status;
            }
            status.stream()
                    .filter(DeviceSyncStatus::isPaused)
                    .findFirst()
                    .ifPresent(s -> out.println("sync of " + s.alias() + " is " + s.paused()));
            if (status.stream().anyMatch(DeviceSyncStatus::isPaused)) {
                return status;
            }
            if (now != before) {
                lastChange = System.nanoTime();
                before = now;
            } else if (System.nanoTime() - lastChange > stallSeconds * 1_000_000_000L) {
                out.println("sync made no progress for " + stallSeconds + " s; it goes on in the background (see"
                        + " upmu:list) [pending=" + now + "]");
                return status;
            }
            Thread.sleep(200);
        }
    }

    static List<DeviceSyncStatus> of(SyncService sync, Set<String> serials) {
        return sync.status().stream().filter(s -> serials.contains(s.serial())).toList();
    }

    private static int pending(SyncService sync, Set<String> serials) {
        return of(sync, serials).stream().mapToInt(DeviceSyncStatus::pending).sum();
    }
}
