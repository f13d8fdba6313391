// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

/**
 * Where a device path goes in a device's spool directory.
 *
 * @param devicePath the path exactly as the device sent it (e.g. absolute), for display
 * @param spoolPath the relative, '/'-separated path below the device directory
 * @param isShortened whether a component was too long for a file name and was shortened with its hash, so the
 *     device path is kept next to the file
 */
record SpoolName(String devicePath, String spoolPath, boolean isShortened) {}
