// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The store directory: checks the format header file {@code FORMAT} (first line {@code qss-store-format=2}; a
 * version 1 store is upgraded by rewriting it, see docs/store-format.md) and holds an exclusive lock on {@code LOCK}
 * while open, so two processes never write the same files. The operating system drops the lock when a process dies, even by kill -9.
 */
final class StoreDirectory implements AutoCloseable {

    static final int FORMAT_VERSION = 2;
    private static final int PROBE_BYTES = 4096;
    private static final String FORMAT_LINE = "qss-store-format=" + FORMAT_VERSION;
    /** Version 1 has no metadata checkpoints; its files are valid version 2 files as they are. */
    private static final String FORMAT_LINE_V1 = "qss-store-format=1";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StoreDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static StoreDirectory open(Path root) throws StoreException {
        try {
            Files.createDirectories(root);
            FileChannel ch =
                    FileChannel.open(root.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw new StoreException(ErrorCode.UNAVAILABLE, "store directory in use [dir=" + root + "]");
            }
            checkFormat(root);
            return new StoreDirectory(root, ch, lock);
        } catch (IOException e) {
            throw new StoreException(ErrorCode.IO_ERROR, "opening store directory failed [dir=" + root + "]", e);
        }
    }

    private static void checkFormat(Path root) throws IOException, StoreException {
        Path header = root.resolve("FORMAT");
        if (!Files.exists(header)) {
            writeFormat(root, header);
            return;
        }
        String first = Files.readAllLines(header, StandardCharsets.UTF_8).stream()
                .findFirst()
                .orElse("")
                .trim();
        if (first.equals(FORMAT_LINE_V1)) {
            // before any checkpoint exists, so that older code refuses the store instead of ignoring checkpoints
            writeFormat(root, header);
        } else if (!first.equals(FORMAT_LINE)) {
            throw new StoreException(
                    ErrorCode.UNAVAILABLE,
                    "store format unsupported [file=" + header + ", found=" + first + ", supported=" + FORMAT_LINE
                            + "]");
        }
    }

    /** Writes the header atomically: temporary file, fsync, rename, directory fsync. */
    private static void writeFormat(Path root, Path header) throws IOException {
        Path tmp = root.resolve("FORMAT.tmp");
        Files.writeString(tmp, FORMAT_LINE + "\n", StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, header, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(root, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename itself is atomic
        }
    }

    Path root() {
        return root;
    }

    /**
     * Proves the volume takes a synced write: writes a page into {@code LOCK} (whose content is unused), forces it
     * and truncates it again. Leaves no file behind that a backup could trip over.
     */
    void probeWrite() throws StoreException {
        try {
            lockChannel.write(ByteBuffer.allocate(PROBE_BYTES), 0);
            lockChannel.force(false);
            lockChannel.truncate(0);
        } catch (IOException e) {
            throw new StoreException(
                    ErrorCode.IO_ERROR, "probe write failed [file=" + root.resolve("LOCK") + ", error=" + e + "]", e);
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }
}
