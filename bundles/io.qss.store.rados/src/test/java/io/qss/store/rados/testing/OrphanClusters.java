// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Clusters a test JVM left behind: a crash skips shutdown hooks, so its daemons, reparented, run on. Each cluster
 * directory names its JVM in an owner file; a directory whose owner is gone is cleaned up.
 */
final class OrphanClusters {

    private OrphanClusters() {}

    /**
     * Kills the daemons of every cluster directory in the temporary directory whose name starts with {@code prefix}
     * and whose owner JVM is gone, and deletes it. Daemons are found by their pid files and killed only if their
     * command line names the directory (a pid may have been reused).
     */
    static void remove(String prefix, String ownerFile) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> dirs = Files.list(tmp)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(prefix))
                    .toList()) {
                Path owner = dir.resolve(ownerFile);
                if (Files.exists(owner)
                        && !isAlive(Long.parseLong(Files.readString(owner).trim()))) {
                    killDaemonsOf(dir);
                    deleteTree(dir);
                }
            }
        }
    }

    private static void killDaemonsOf(Path dir) throws IOException {
        Path run = dir.resolve("run");
        if (!Files.isDirectory(run)) {
            return;
        }
        try (Stream<Path> pidFiles = Files.list(run)) {
            for (Path pidFile :
                    pidFiles.filter(f -> f.toString().endsWith(".pid")).toList()) {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(pid)
                        .filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Deletes a directory and everything in it. */
    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("deleting the cluster directory failed [dir=" + root + "]", e);
        }
    }
}
