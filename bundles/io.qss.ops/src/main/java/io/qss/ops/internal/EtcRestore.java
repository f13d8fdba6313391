// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts a backup's {@code etc/} back: every file whose content differs from the backup's (or that is missing) is
 * replaced atomically, after the current one was saved under {@code saveDir}; files the backup does not have (a
 * package installed later, say) are kept. The container applies changed {@code .cfg} files live, as any edit.
 */
final class EtcRestore {

    /** What a restore of {@code etc/} did. */
    record Result(int replaced, int unchanged, int kept, Path savedIn) {
        String summary() {
            return "etc/ restored [replaced=" + replaced + ", unchanged=" + unchanged + ", keptNotInBackup=" + kept
                    + (replaced > 0 ? ", previousFilesIn=" + savedIn : "") + "]";
        }
    }

    private EtcRestore() {}

    static Result restore(Path backupEtc, Path etc, Path saveDir) throws IOException {
        int replaced = 0;
        int unchanged = 0;
        List<Path> files = files(backupEtc);
        for (Path file : files) {
            Path relative = backupEtc.relativize(file);
            Path current = etc.resolve(relative.toString());
            boolean exists = Files.isRegularFile(current);
            if (exists && Files.mismatch(current, file) == -1) {
                unchanged++;
                continue;
            }
            if (exists) {
                Path saved = saveDir.resolve(relative.toString());
                Files.createDirectories(saved.getParent());
                Files.copy(current, saved, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
            Files.createDirectories(current.getParent());
            Path partial = current.resolveSibling(current.getFileName() + ".restore-part");
            Files.deleteIfExists(partial);
            DataFiles.copyPrefix(file, Files.size(file), partial);
            Files.move(partial, current, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            replaced++;
        }
        int kept = 0;
        for (Path file : files(etc)) {
            if (!Files.exists(backupEtc.resolve(etc.relativize(file).toString()))) {
                kept++;
            }
        }
        return new Result(replaced, unchanged, kept, saveDir);
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
