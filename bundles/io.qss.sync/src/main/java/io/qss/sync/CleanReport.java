// SPDX-License-Identifier: Apache-2.0
package io.qss.sync;

/**
 * Spooled files that are synced at their device's current generation.
 *
 * @param files how many
 * @param bytes their total size
 */
public record CleanReport(int files, long bytes) {}
