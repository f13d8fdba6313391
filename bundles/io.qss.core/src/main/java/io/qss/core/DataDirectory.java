// SPDX-License-Identifier: Apache-2.0
package io.qss.core;

import java.nio.file.Path;

/**
 * The one directory that holds all qss state: store, raw-file spool, embedded MongoDB, keys.
 *
 * <p>It is named by the system property {@value #PROPERTY} (the distribution sets it in {@code etc/system.properties}
 * to {@code ${karaf.home}/qss-data}), so wiping Karaf's own {@code data/} cache never touches it. Immutable.
 *
 * @param root absolute path of the data directory; never null
 */
public record DataDirectory(Path root) {

    /** System property naming the data directory. */
    public static final String PROPERTY = "qss.data";

    /** Used when {@value #PROPERTY} is unset: {@code qss-data} under the working directory. */
    public static final String DEFAULT_NAME = "qss-data";

    public DataDirectory {
        root = root.toAbsolutePath().normalize();
    }

    /** The data directory named by {@value #PROPERTY}, or {@code ./qss-data} when it is unset or blank. */
    public static DataDirectory fromSystemProperties() {
        String configured = System.getProperty(PROPERTY, "").trim();
        return new DataDirectory(Path.of(configured.isEmpty() ? DEFAULT_NAME : configured));
    }

    /** Blocks, write-ahead log and superblocks of the storage engine. */
    public Path store() {
        return root.resolve("store");
    }

    /** Spooled raw device files, by serial (the sync queue). */
    public Path raw() {
        return root.resolve("raw");
    }

    /** The embedded MongoDB's file (unused when a MongoDB URI is configured). */
    public Path mongo() {
        return root.resolve("mongo");
    }

    /** Console key pair and generated TLS certificates. */
    public Path keys() {
        return root.resolve("keys");
    }
}
