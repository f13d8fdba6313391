// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

/**
 * The bounds the receiver holds every connection to.
 *
 * @param maxConnections connections served at once; a new one beyond evicts the stalest
 * @param maxPerAddress connections from one IP address at once; a new one beyond evicts that address's stalest
 * @param idleNanos how long a connection may wait between messages (the device sender's own timeout is 600 s)
 * @param headerNanos how long a message's header, path and serial may take once its first byte arrived
 * @param minBodyBytesPerSecond the slowest a body may arrive, measured over each {@code rateWindowNanos}
 * @param rateWindowNanos the window of the body rate
 */
record ConnectionLimits(
        int maxConnections,
        int maxPerAddress,
        long idleNanos,
        long headerNanos,
        long minBodyBytesPerSecond,
        long rateWindowNanos) {

    ConnectionLimits {
        if (maxConnections < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("connection limits must be at least 1 [maxConnections=" + maxConnections
                    + ", maxConnectionsPerAddress=" + maxPerAddress + "]");
        }
    }
}
