// SPDX-License-Identifier: Apache-2.0
package io.qss.auth.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The secret of the {@link HmacSeal}: 256 random bits in {@code DataDirectory.documentSealKey()}, i.e.
 * {@code keys/mongo-documents.hmac} (mode 0600, folder 0700). A new secret is first written as
 * {@code mongo-documents.hmac.new} and only renamed to its final name by
 * {@link #commit} once the documents already in the database have been sealed with it (trust on first use), so a
 * start that fails before that repeats the adoption with the same secret instead of losing the documents.
 *
 * @param bytes the secret
 * @param file where it is kept
 * @param isPending true while the adoption of existing documents has not yet completed
 */
record SealKey(byte[] bytes, Path file, boolean isPending) {

    private static final String PENDING_SUFFIX = ".new";

    /** Reads the secret in {@code file}, or creates a pending one beside it when there is none. */
    static SealKey loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return new SealKey(read(file), file, false);
        }
        Path pending = pendingFile(file);
        if (!Files.exists(pending)) {
            create(pending);
        }
        return new SealKey(read(pending), file, true);
    }

    /** Gives a pending secret its final name: the existing documents are sealed with it. */
    SealKey commit() throws IOException {
        if (!isPending) {
            return this;
        }
        try {
            Files.move(pendingFile(file), file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(pendingFile(file), file);
        }
        return new SealKey(bytes, file, false);
    }

    private static Path pendingFile(Path file) {
        return file.resolveSibling(file.getFileName() + PENDING_SUFFIX);
    }

    private static void create(Path pending) throws IOException {
        String name = pending.getFileName().toString();
        Path dir = pending.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        byte[] secret = new byte[HmacSeal.KEY_BYTES];
        new SecureRandom().nextBytes(secret);
        Path temp = dir.resolve(name + ".tmp");
        Files.deleteIfExists(temp);
        // created owner-only before the secret is written, so it is never readable by others
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(temp, secret);
        try {
            Files.move(temp, pending, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.delete(temp); // another start created it meanwhile: use that one
        }
    }

    private static byte[] read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != HmacSeal.KEY_BYTES) {
            throw new IOException("document seal key malformed [file=" + file + ", bytes=" + bytes.length
                    + ", expected=" + HmacSeal.KEY_BYTES + "]");
        }
        return bytes;
    }
}
