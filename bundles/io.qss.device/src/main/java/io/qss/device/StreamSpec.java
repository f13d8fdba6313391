// SPDX-License-Identifier: Apache-2.0
package io.qss.device;

/**
 * One stream a device produces. Immutable.
 *
 * @param name stream name, unique within the device, e.g. {@code L1MAG}; becomes the last path segment and the
 *     store tag {@code name}; never null
 * @param unit unit of measure, e.g. {@code V}, {@code A}, {@code deg}, {@code Hz}; the store tag {@code unit}; never
 *     null
 */
public record StreamSpec(String name, String unit) {

    public StreamSpec {
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("stream name invalid [name=" + name + "]");
        }
        if (unit == null) {
            throw new IllegalArgumentException("stream unit missing [name=" + name + "]");
        }
    }
}
