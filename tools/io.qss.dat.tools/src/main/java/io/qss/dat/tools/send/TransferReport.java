// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.send;

import java.util.List;

/**
 * Totals of {@link UpmuSender#sendAll}.
 *
 * @param files      files attempted
 * @param acked      files acknowledged
 * @param ackedBytes bytes of acknowledged files
 * @param failures   outcomes of the files that were not acknowledged; never null
 */
public record TransferReport(int files, int acked, long ackedBytes, List<SendOutcome> failures) {
    /** Whether every file was acknowledged. */
    public boolean isComplete() {
        return failures.isEmpty();
    }
}
