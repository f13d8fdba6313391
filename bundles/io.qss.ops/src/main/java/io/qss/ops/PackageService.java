// SPDX-License-Identifier: Apache-2.0
package io.qss.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Optional packages from a {@code qss-packages-<version>.tar.gz} archive (the manual's {@code qss-get -p}). Every
 * checksum of the archive is verified before anything is read from it or installed. Operations are serialised and
 * block until done.
 */
@ProviderType
public interface PackageService {

    /**
     * Verifies the archive and lists its packages.
     *
     * @param archive a {@code qss-packages-*.tar.gz} file, or the folder it was unpacked into
     * @throws UpdateException when the archive is refused (unreadable, checksum mismatch)
     */
    List<OptionalPackage> list(Path archive) throws UpdateException;

    /**
     * Verifies the archive, then installs and starts the named packages (names or aliases; every package when
     * {@code isAll}). A package already installed is left as it is.
     *
     * @param progress receives one human-readable line per step; never null
     * @return the packages asked for, as installed now
     * @throws UpdateException when the archive is refused, a name is unknown (the message lists the packages that
     *     exist), no name is given, or the archive was built for another qss version: nothing was changed
     */
    List<OptionalPackage> install(Path archive, List<String> names, boolean isAll, Consumer<String> progress)
            throws UpdateException;
}
