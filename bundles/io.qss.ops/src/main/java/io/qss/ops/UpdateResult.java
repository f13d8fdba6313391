// SPDX-License-Identifier: Apache-2.0
package io.qss.ops;

/**
 * The outcome of an update that was started.
 *
 * @param fromVersion the qss version before the update; never null
 * @param toVersion the version the archive carries; never null
 * @param isRolledBack true when the update failed and the previous versions were restored
 * @param detail one line: what was done, or why the update was rolled back; never null
 */
public record UpdateResult(String fromVersion, String toVersion, boolean isRolledBack, String detail) {}
