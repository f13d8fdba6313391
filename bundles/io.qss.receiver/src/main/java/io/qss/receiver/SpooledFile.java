// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver;

import java.nio.file.Path;

/**
 * A file durably in the spool. Immutable.
 *
 * @param serial the sending device's serial; never null
 * @param path where the file is below the device directory (relative, '/'-separated): the device path without its
 *     leading '/', an over-long segment shortened with its hash; the key sync orders and records files by; never
 *     null
 * @param file where it is: {@code <spool root>/<serial>/<path>}; never null
 * @param size bytes
 * @param devicePath the path exactly as the device sent it (e.g. {@code /root/upmu_data/2016/09/19/14/x.dat}), for
 *     display; never null
 */
public record SpooledFile(String serial, String path, Path file, long size, String devicePath) {

    /** A file whose device path is its spool path (imported, or sent relative and short). */
    public SpooledFile(String serial, String path, Path file, long size) {
        this(serial, path, file, size, path);
    }
}
