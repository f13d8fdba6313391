// SPDX-License-Identifier: Apache-2.0
package io.qss.sync;

/**
 * A spooled file sync gave up on (until the device's generation is raised or the file is received again).
 *
 * @param path the path as the device sent it; never null
 * @param reason why, {@code what failed [key=value]}; never null
 */
public record FailedFile(String path, String reason) {}
