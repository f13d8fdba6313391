// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver;

import java.time.Instant;

/**
 * What the receiver knows of one sending serial. Immutable.
 *
 * @param serial the serial the device sent; never null
 * @param lastReceived when its last file was stored; null when none since counters began
 * @param files files stored
 * @param bytes bytes stored
 * @param rejected files answered with failure
 * @param lastError the last failure, or empty
 * @param remote the address of its current or last connection, or empty
 * @param lastPath the device path of its last file (stored or refused), as the device sent it, or empty
 */
public record SenderStats(
        String serial,
        Instant lastReceived,
        long files,
        long bytes,
        long rejected,
        String lastError,
        String remote,
        String lastPath) {

    /** Counters without a last path (e.g. loaded from before paths were kept). */
    public SenderStats(
            String serial,
            Instant lastReceived,
            long files,
            long bytes,
            long rejected,
            String lastError,
            String remote) {
        this(serial, lastReceived, files, bytes, rejected, lastError, remote, "");
    }
}
