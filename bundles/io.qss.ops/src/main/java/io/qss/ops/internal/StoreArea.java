// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import java.nio.file.Path;
import java.util.Dictionary;

/**
 * Where the store keeps its data, from its configuration ({@code etc/io.qss.store.cfg}: {@code backend}, default
 * {@code file}; {@code location}, default the data folder's {@code store}): either that folder, which a restore
 * replaces as files like the other data areas, or a backend's volume, which it fills through the backend.
 *
 * @param backend the backend's name
 * @param location where in the backend; empty for the default folder
 */
record StoreArea(String backend, String location) {

    static final String PID = "io.qss.store";
    static final String DEFAULT_BACKEND = "file";

    static StoreArea of(Dictionary<String, Object> properties) {
        if (properties == null) {
            return new StoreArea(DEFAULT_BACKEND, "");
        }
        return new StoreArea(text(properties.get("backend"), DEFAULT_BACKEND), text(properties.get("location"), ""));
    }

    private static String text(Object value, String fallback) {
        String s = value == null ? "" : value.toString().trim();
        return s.isEmpty() ? fallback : s;
    }

    /** Whether the store lives in the data folder's {@code store} directory as plain files. */
    boolean isDataFolder(Path data) {
        return backend.equals(DEFAULT_BACKEND)
                && (location.isEmpty()
                        || Path.of(location).toAbsolutePath().normalize().equals(data.resolve("store")));
    }

    /** The location to open in the backend. */
    String locationIn(Path data) {
        return location.isEmpty() ? data.resolve("store").toString() : location;
    }
}
