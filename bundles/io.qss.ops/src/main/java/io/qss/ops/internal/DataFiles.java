// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/** File tree helpers for backup and restore: prefix copies of growing files, tree copies, deletion. */
final class DataFiles {

    private DataFiles() {
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
            Files.createDirectories(dest.getParent());
            try {
                copyPrefix(file, Files.size(file), dest);
            } catch (java.nio.file.NoSuchFileException e) {
                Files.deleteIfExists(dest);
            }
        }
    }

    static void copyPrefix(Path file, long length, Path dest) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
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
        Files.createDirectories(dir);
        if (from == null || !Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path dest = dir.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
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
