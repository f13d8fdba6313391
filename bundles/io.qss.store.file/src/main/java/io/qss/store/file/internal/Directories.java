// SPDX-License-Identifier: Apache-2.0
package io.qss.store.file.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** Directory fsync: a new or renamed file's name is only durable once its directory is synced (power loss). */
final class Directories {

    private static final boolean CAN_SYNC =
            !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");

    private Directories() {}

    static void sync(Path dir) throws IOException {
        if (!CAN_SYNC) {
            return; // Windows cannot open a directory for sync; the files themselves are still synced
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Creates {@code dir} and its missing parents below {@code root}, syncing each parent that got a new entry. */
    static void create(Path root, Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (!dir.equals(root) && parent != null) {
            create(root, parent);
        }
        Files.createDirectories(dir);
        if (parent != null) {
            sync(parent);
        }
    }
}
