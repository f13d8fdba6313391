// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * File tree helpers for backup and restore: prefix copies of growing files, tree copies, deletion. Every folder and
 * file they create is owner-only (0700, 0600) from the start, as the data directory itself: a backup holds the same
 * secrets. (The ops bundle depends on no other qss bundle, so that an update never refreshes it mid-update; hence
 * these permissions are set here and not through {@code io.qss.core.DataDirectory}.)
 */
final class DataFiles {

    private static final boolean IS_POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private DataFiles() {}

    /** Creates the folder (and missing parents) owner-only, and makes it owner-only if it existed. */
    static Path createOwnerOnlyDirectories(Path dir) throws IOException {
        Files.createDirectories(dir, ownerOnly("rwx------"));
        if (IS_POSIX) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }

    /** Makes an existing file owner-only (0600). */
    static void restrictFile(Path file) throws IOException {
        if (IS_POSIX) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Makes {@code top} and every folder and file under it owner-only; links are not followed. */
    static void restrictTree(Path top) throws IOException {
        if (!IS_POSIX || !Files.isDirectory(top)) {
            return;
        }
        try (Stream<Path> all = Files.walk(top)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    restrictFile(p);
                }
            }
        }
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        return IS_POSIX
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
                }
                : new FileAttribute<?>[0];
    }

    /**
     * Copies every regular file under {@code from} to {@code to}, each up to the length it had when listed (files
     * that are appended to keep what was complete then); files that vanish meanwhile are skipped.
     */
    static void copyListed(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> all = Files.walk(from)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Path dest = to.resolve(from.relativize(file).toString());
            Files.createDirectories(dest.getParent(), ownerOnly("rwx------"));
            try {
                copyPrefix(file, Files.size(file), dest);
            } catch (NoSuchFileException e) {
                Files.deleteIfExists(dest);
            }
        }
    }

    static void copyPrefix(Path file, long length, Path dest) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(
                        dest,
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        ownerOnly("rw-------"))) {
            long pos = 0;
            while (pos < length) {
                long n = in.transferTo(pos, length - pos, out);
                if (n <= 0) {
                    break;
                }
                pos += n;
            }
            out.force(true);
        }
    }

    /** Replaces the contents of {@code dir} with a copy of {@code from} (empty if null or missing). */
    static void replace(Path dir, Path from) throws IOException {
        deleteContents(dir);
        createOwnerOnlyDirectories(dir);
        if (from == null || !Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path dest = dir.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest, ownerOnly("rwx------"));
                } else {
                    copyPrefix(p, Files.size(p), dest);
                }
            }
        }
    }

    static void deleteContents(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (!d.equals(dir)) {
                    Files.delete(d);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
