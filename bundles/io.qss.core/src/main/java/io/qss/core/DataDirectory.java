// SPDX-License-Identifier: Apache-2.0
package io.qss.core;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one directory that holds all qss state: store, raw-file spool, embedded MongoDB, keys.
 *
 * <p>It is named by the system property {@value #PROPERTY} (the distribution sets it in {@code etc/system.properties}
 * to {@code ${karaf.home}/qss-data}), so wiping Karaf's own {@code data/} cache never touches it. It and everything
 * in it is for the qss user alone ({@link #restrictToOwner}): it holds secrets (keys, password hashes) and the
 * embedded MongoDB's file, which anyone able to write would use to forge accounts. Immutable.
 *
 * @param root absolute path of the data directory; never null
 */
public record DataDirectory(Path root) {

    /** System property naming the data directory. */
    public static final String PROPERTY = "qss.data";

    /** Used when {@value #PROPERTY} is unset: {@code qss-data} under the working directory. */
    public static final String DEFAULT_NAME = "qss-data";

    /** Folders in the data directory: 0700, the owner alone may list, enter and change them. */
    public static final Set<PosixFilePermission> OWNER_ONLY_FOLDER =
            Set.copyOf(PosixFilePermissions.fromString("rwx------"));

    /** Files in the data directory: 0600, the owner alone may read and write them. */
    public static final Set<PosixFilePermission> OWNER_ONLY_FILE =
            Set.copyOf(PosixFilePermissions.fromString("rw-------"));

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

    /** Console key pair, generated TLS certificates and the key that seals security-relevant documents. */
    public Path keys() {
        return root.resolve("keys");
    }

    /**
     * The secret (256 random bits, mode 0600) that seals security-relevant MongoDB documents (API keys, accounts,
     * tag configuration, plotter sessions), so that write access to MongoDB alone cannot forge them. Backups carry it.
     */
    public Path documentSealKey() {
        return keys().resolve("mongo-documents.hmac");
    }

    /**
     * Creates the data directory when it is missing and makes it and everything in it owner-only (folders 0700,
     * files 0600), fixing trees made before this rule. Returns how many entries were changed.
     */
    public int restrictToOwner() throws IOException {
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root);
        }
        return restrictTree(root);
    }

    /**
     * Makes {@code top} and everything under it owner-only: folders 0700, files 0600. {@code top} may be a
     * symbolic link (a data directory on another drive); links inside it are neither followed nor changed. Does
     * nothing on file systems without POSIX permissions. Returns how many entries were changed.
     */
    public static int restrictTree(Path top) throws IOException {
        if (!Files.exists(top)
                || !top.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return 0;
        }
        int[] changed = {0};
        Files.walkFileTree(top.toRealPath(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                changed[0] += restrict(dir, OWNER_ONLY_FOLDER);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    changed[0] += restrict(file, OWNER_ONLY_FILE);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // vanished meanwhile (a spooled file synced and deleted)
            }
        });
        return changed[0];
    }

    /** Sets owner-only permissions unless they are already so; 1 when changed, else 0. */
    private static int restrict(Path path, Set<PosixFilePermission> ownerOnly) throws IOException {
        if (Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(ownerOnly)) {
            return 0;
        }
        try {
            Files.setPosixFilePermissions(path, ownerOnly);
        } catch (NoSuchFileException e) {
            return 0; // vanished meanwhile
        }
        return 1;
    }
}
