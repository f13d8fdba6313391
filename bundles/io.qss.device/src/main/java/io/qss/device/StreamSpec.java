// SPDX-License-Identifier: Apache-2.0
package io.qss.device;

/**
 * One stream a device produces. Immutable.
 *
 * @param group sub-collection below the device, e.g. a PMU's station name in a C37.118 PDC stream; empty when the
 *     stream lives directly under the device; never null, never contains {@code /}
 * @param name stream name, unique within its group, e.g. {@code L1MAG}; becomes the last path segment and the store
 *     tag {@code name}; never null
 * @param unit unit of measure, e.g. {@code V}, {@code A}, {@code deg}, {@code Hz}; the store tag {@code unit}; never
 *     null
 */
public record StreamSpec(String group, String name, String unit) {

    public StreamSpec {
        if (group == null || group.contains("/")) {
            throw new IllegalArgumentException("stream group invalid [group=" + group + ", name=" + name + "]");
        }
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("stream name invalid [name=" + name + "]");
        }
        if (unit == null) {
            throw new IllegalArgumentException("stream unit missing [name=" + name + "]");
        }
    }

    /** A stream directly under its device. */
    public StreamSpec(String name, String unit) {
        this("", name, unit);
    }

    /**
     * The stream's key within its device, as {@link SampleSink#append} takes it: {@code name}, or {@code group/name}
     * when grouped. Its path is {@code /<typeId>/<alias>/<key>}.
     */
    public String key() {
        return group.isEmpty() ? name : group + "/" + name;
    }
}
