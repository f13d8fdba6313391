// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api;

import java.util.Map;
import java.util.UUID;

/**
 * Disk space of the store and of the volume it lives on.
 *
 * @param totalBytes bytes of every store file (blocks, logs), all versions included
 * @param perStreamBytes bytes of tree blocks written for each live stream, all versions included; never null
 * @param volumeFreeBytes bytes still usable on the data volume
 * @param volumeTotalBytes size of the data volume in bytes
 */
public record SpaceUsage(long totalBytes, Map<UUID, Long> perStreamBytes, long volumeFreeBytes, long volumeTotalBytes) {

    public SpaceUsage {
        perStreamBytes = Map.copyOf(perStreamBytes);
    }

    /** Fraction of the data volume in use, 0 to 1. */
    public double volumeUsedFraction() {
        return volumeTotalBytes == 0 ? 0 : 1.0 - (double) volumeFreeBytes / volumeTotalBytes;
    }
}
