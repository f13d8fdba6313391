// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import io.qss.configgen.ConfigGenException;
import io.qss.configgen.FileRoot;
import io.qss.configgen.GeneratedFile;
import io.qss.configgen.WrittenFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes generated files under one directory per {@link FileRoot}. Never loses an existing file: a file whose
 * content differs is first copied to {@code NAME.bak} (or {@code NAME.bak.N} when earlier backups exist), and the
 * new content replaces it atomically. A file that already has the content is left alone. Stateless.
 */
public final class FileOutput {

    private final Map<FileRoot, Path> roots;

    /** @param roots the directory each root maps to, e.g. SYSTEM → {@code /} */
    public FileOutput(Map<FileRoot, Path> roots) {
        this.roots = Map.copyOf(roots);
    }

    /** The conventional layout under an output directory: system files as is, distribution files under qss/. */
    public static FileOutput under(Path outDir) {
        Path root = outDir.toAbsolutePath().normalize();
        return new FileOutput(Map.of(FileRoot.SYSTEM, root, FileRoot.DISTRIBUTION, root.resolve("qss")));
    }

    /** Writes every file in order; stops at the first failure, which names the file. */
    public List<WrittenFile> write(List<GeneratedFile> files) throws ConfigGenException {
        List<WrittenFile> written = new ArrayList<>();
        for (GeneratedFile file : files) {
            Path root = roots.get(file.root());
            if (root == null) {
                throw new ConfigGenException(
                        "no directory for the file's root [root=" + file.root() + ", path=" + file.path() + "]");
            }
            written.add(write(root.resolve(file.path()).normalize(), file.content()));
        }
        return List.copyOf(written);
    }

    private static WrittenFile write(Path target, String content) throws ConfigGenException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return new WrittenFile(target, null, false);
            }
            Path backup = Files.exists(target) ? backUp(target) : null;
            Path temporary = target.resolveSibling("." + target.getFileName() + ".qss-tmp");
            Files.write(temporary, bytes);
            if (backup != null) {
                keepPermissions(target, temporary);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new WrittenFile(target, backup, true);
        } catch (IOException | RuntimeException e) {
            throw new ConfigGenException("writing a configuration file failed [path=" + target + "]", e);
        }
    }

    private static void keepPermissions(Path from, Path to) throws IOException {
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the new file keeps the default permissions.
        }
    }

    private static Path backUp(Path target) throws IOException {
        Path backup = target.resolveSibling(target.getFileName() + ".bak");
        for (int n = 1; Files.exists(backup); n++) {
            backup = target.resolveSibling(target.getFileName() + ".bak." + n);
        }
        Files.copy(target, backup, StandardCopyOption.COPY_ATTRIBUTES);
        return backup;
    }
}
