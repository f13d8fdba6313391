// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api;

/**
 * What one compaction ({@link TimeSeriesStore#compact()}) freed.
 *
 * @param segmentsFreed block segment files deleted
 * @param bytesFreed bytes of those files
 * @param blocksMoved live blocks copied out of them (and core nodes above those, rewritten with the new addresses)
 * @param versionsExpired old versions dropped by the retention setting
 */
public record CompactionResult(int segmentsFreed, long bytesFreed, long blocksMoved, long versionsExpired) {}
