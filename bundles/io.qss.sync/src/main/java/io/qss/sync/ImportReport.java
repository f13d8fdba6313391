// SPDX-License-Identifier: Apache-2.0
package io.qss.sync;

/**
 * The outcome of an import.
 *
 * @param files {@code .dat} files found
 * @param imported files copied into the spool (the sync queue)
 * @param skipped files already in the spool with the same size (an import can be resumed)
 * @param unassigned files whose device could not be told or is not registered
 * @param bytes bytes copied
 */
public record ImportReport(int files, int imported, int skipped, int unassigned, long bytes) {
}
