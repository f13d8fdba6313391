// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.send;

import org.osgi.annotation.versioning.ConsumerType;

/** Progress of {@link UpmuSender#sendAll}, called on the sending thread after each file. */
@ConsumerType
@FunctionalInterface
public interface TransferListener {

    /** {@code outcome} of one file, plus totals so far (files and bytes, done and planned). */
    void fileDone(SendOutcome outcome, int filesDone, int filesTotal, long bytesDone, long bytesTotal);
}
