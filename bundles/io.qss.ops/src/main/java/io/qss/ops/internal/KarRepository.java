// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Copies the Maven repository inside a KAR ({@code repository/...}) into the distribution's {@code system/} folder,
 * where the container's offline Maven resolver already looks.
 *
 * <p>Copying, rather than {@code kar:install}, keeps the update in our hands: {@code kar:install} would install every
 * feature of the KAR at once, next to the running versions, instead of upgrading them.
 */
final class KarRepository {

    private static final String PREFIX = "repository/";

    private KarRepository() {}

    /** Returns the number of files copied; existing files of the same path are kept (released versions never change). */
    static int copyInto(Path kar, Path system) throws IOException {
        int copied = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(kar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.isDirectory() || !entry.getName().startsWith(PREFIX)) {
                    continue;
                }
                Path target = system.resolve(entry.getName().substring(PREFIX.length()))
                        .normalize();
                if (!target.startsWith(system)) {
                    throw new IOException(
                            "KAR entry outside the repository [kar=" + kar + ", entry=" + entry.getName() + "]");
                }
                if (Files.exists(target)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                Path partial = target.resolveSibling(target.getFileName() + ".part");
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                copied++;
            }
        }
        return copied;
    }
}
