// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver;

import java.nio.file.Path;

/**
 * A file durably in the spool. Immutable.
 *
 * @param serial the sending device's serial; never null
 * @param path the path as the device sent it (relative, '/'-separated); never null
 * @param file where it is: {@code <spool root>/<serial>/<path>}; never null
 * @param size bytes
 */
public record SpooledFile(String serial, String path, Path file, long size) {
}
