// SPDX-License-Identifier: Apache-2.0
package io.qss.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Backup, restore and a new (empty) database for the running qss. A backup is a consistent online snapshot of the
 * store, the raw-file spool, the embedded MongoDB file and {@code etc/}, with a manifest of SHA-256 checksums.
 * Restore and new database pause ingest (the data components stop), replace the data and start them again. One
 * operation runs at a time; calls block until it is done.
 */
@ProviderType
public interface BackupService {

    /**
     * Writes a backup into {@code target} (created; must be empty and outside the data directory).
     *
     * @return one-line summary (files, bytes, duration)
     */
    String backup(Path target, Consumer<String> progress) throws IOException;

    /**
     * Verifies {@code source}'s manifest, then replaces the data with the backup's and, when {@code isEtcRestored},
     * puts its {@code etc/} back (changed files replaced, the previous ones saved under the container's
     * {@code data/qss-restore/}); throws before any change when the backup does not verify.
     */
    String restore(Path source, boolean isEtcRestored, Consumer<String> progress) throws IOException;

    /** {@link #restore(Path, boolean, Consumer)} with the configuration: the data and {@code etc/} go back. */
    default String restore(Path source, Consumer<String> progress) throws IOException {
        return restore(source, true, progress);
    }

    /** Deletes the store, the spool and the MongoDB data (keeps {@code keys/}); qss then starts empty. */
    String newDatabase(Consumer<String> progress) throws IOException;
}
