// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Copies a file that another process may be rewriting (the embedded MongoDB's MVStore file, which is committed and
 * synced before every reply) without stopping the writer: the copy counts only if the file's size and modification
 * time did not change while it was read and its checksum still equals the copy's afterwards, i.e. no write happened
 * in between and the copy is one committed state of the file. Otherwise it retries, a bounded number of times.
 */
final class StableCopy {

    private StableCopy() {}

    /** True once a stable copy is in {@code dest}; false after {@code attempts} tries saw the file change. */
    static boolean copy(Path file, Path dest, int attempts, Duration backoff) throws IOException {
        for (int i = 0; i < attempts; i++) {
            BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
            Files.deleteIfExists(dest);
            DataFiles.copyPrefix(file, before.size(), dest);
            BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
            if (before.size() == after.size()
                    && before.lastModifiedTime().equals(after.lastModifiedTime())
                    && Manifest.sha256(file).equals(Manifest.sha256(dest))) {
                return true;
            }
            LockSupport.parkNanos(backoff.toNanos());
        }
        Files.deleteIfExists(dest);
        return false;
    }
}
