// SPDX-License-Identifier: Apache-2.0
package io.qss.ops;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Offline hot updates of the running qss from a {@code qss-update-<version>.tar.gz} archive.
 *
 * <p>An update verifies every checksum before anything changes, swaps the qss features in the running container
 * (no restart; acknowledged data stays on disk), waits until every component serves again, and rolls back to the
 * previous versions by itself when any step fails. An archive of an older version is refused. One update runs at a
 * time; calls block until it is done.
 */
@ProviderType
public interface UpdateService {

    /** The installed qss version (the version of the installed {@code qss} feature), e.g. {@code 0.1.0}. */
    String installedVersion();

    /**
     * Applies an update archive.
     *
     * @param archive a {@code qss-update-*.tar.gz} file, or the folder it was unpacked into
     * @param progress receives one human-readable line per step; never null
     * @return what happened; {@link UpdateResult#isRolledBack()} tells a failed update that was undone
     * @throws UpdateException when the archive is refused (unreadable, checksum mismatch): nothing was changed
     */
    UpdateResult update(Path archive, Consumer<String> progress) throws UpdateException;

    /**
     * Returns to the version that ran before the last update started (to undo an update, or after one whose
     * rollback failed). Its bundles are still in the container's repository, so no archive is
     * needed. Swapped, checked and rolled back like an update.
     *
     * @param progress receives one human-readable line per step; never null
     * @return what happened
     * @throws UpdateException when no earlier version is recorded or it is not available: nothing was changed
     */
    UpdateResult rollback(Consumer<String> progress) throws UpdateException;
}
