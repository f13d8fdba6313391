// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

/**
 * The device manager's tuning, from {@code etc/io.qss.devicemanager.cfg}. Immutable.
 *
 * @param workers threads that run the devices' protocol sessions (each device on at most one at a time)
 * @param insertThreads multi-stream inserts into the store run at once per flush (each of 512 streams or more)
 * @param flushMillis how often the live samples are inserted into the store
 * @param readIntervalMillis least time between two rounds of reading the devices' sockets (0: read as bytes arrive)
 * @param bufferBytes bytes kept per device while it has no session (its type's bundle is being updated)
 * @param maxPendingPoints points a device's sink holds while the store fails before it refuses more
 * @param minBackoffMillis first reconnect delay; each failure doubles it
 * @param maxBackoffMillis longest reconnect delay
 * @param connectTimeoutMillis how long a TCP connect may take
 */
public record ManagerSettings(
        int workers,
        int insertThreads,
        long flushMillis,
        long readIntervalMillis,
        long bufferBytes,
        long maxPendingPoints,
        long minBackoffMillis,
        long maxBackoffMillis,
        long connectTimeoutMillis) {

    /** The defaults of {@code etc/io.qss.devicemanager.cfg}. */
    public static ManagerSettings defaults() {
        return new ManagerSettings(4, 4, 250, 50, 16L << 20, 2_000_000, 1000, 60_000, 10_000);
    }

    public ManagerSettings {
        if (workers < 1
                || insertThreads < 1
                || flushMillis < 10
                || readIntervalMillis < 0
                || readIntervalMillis > 1000
                || bufferBytes < 65536
                || maxPendingPoints < 1000
                || minBackoffMillis < 1
                || maxBackoffMillis < minBackoffMillis
                || connectTimeoutMillis < 100) {
            throw new IllegalArgumentException("device manager settings out of range [workers=" + workers
                    + " (>= 1), insertThreads=" + insertThreads + " (>= 1), flushMillis=" + flushMillis
                    + " (>= 10), readIntervalMillis=" + readIntervalMillis + " (0..1000), bufferBytes=" + bufferBytes
                    + " (>= 65536), maxPendingPoints=" + maxPendingPoints
                    + " (>= 1000), minBackoffMillis=" + minBackoffMillis + " (>= 1), maxBackoffMillis="
                    + maxBackoffMillis + " (>= min), connectTimeoutMillis=" + connectTimeoutMillis + " (>= 100)]");
        }
    }
}
