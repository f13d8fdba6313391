// SPDX-License-Identifier: Apache-2.0
package io.qss.sync;

import java.util.List;

/**
 * The outcome of an import.
 *
 * @param files {@code .dat} files found
 * @param imported files copied into the spool (the sync queue)
 * @param skipped files already in the spool with the same size (an import can be resumed)
 * @param bytes bytes copied
 * @param refused files not imported because their device could not be told, is not registered, or is not the one
 *     asked for; never null
 */
public record ImportReport(int files, int imported, int skipped, long bytes, List<RefusedFile> refused) {

    public ImportReport {
        refused = List.copyOf(refused);
    }

    /** Files not imported: {@code refused().size()}. */
    public int unassigned() {
        return refused.size();
    }
}
