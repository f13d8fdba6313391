// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The version to return to with {@code qss:update --rollback}: the one that ran before the last update started. It
 * is written before the swap begins, so it is known even when an update and its own rollback both failed. Kept as
 * {@code previous=<version>} in {@code update-history.properties} in the update work folder, replaced atomically.
 */
final class UpdateHistory {

    private static final String FILE = "update-history.properties";
    private static final String PREVIOUS = "previous";

    private final Path file;

    UpdateHistory(Path workFolder) {
        this.file = workFolder.resolve(FILE);
    }

    /** The recorded version, when there is one. */
    Optional<String> previous() throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return Optional.ofNullable(properties.getProperty(PREVIOUS))
                .map(String::trim)
                .filter(v -> !v.isEmpty());
    }

    /** Records {@code version} as the one to return to. */
    void recordPrevious(String version) throws IOException {
        Files.createDirectories(file.getParent());
        Properties properties = new Properties();
        properties.setProperty(PREVIOUS, version);
        Path partial = file.resolveSibling(FILE + ".part");
        try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            properties.store(writer, "the qss version before the last update (qss:update --rollback)");
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
