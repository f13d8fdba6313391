// SPDX-License-Identifier: Apache-2.0
package io.qss.store.file;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.file.internal.FileVolume;
import java.nio.file.Path;

/** Opens store volumes on local directories outside OSGi, exactly as the {@code file} backend service does. */
public final class FileVolumes {

    private FileVolumes() {}

    /**
     * Opens the volume in {@code dir}, creating the directory if absent.
     *
     * @throws StoreException {@code IO_ERROR} naming the directory when it cannot be created or read
     */
    public static StoreVolume open(Path dir) throws StoreException {
        return FileVolume.open(dir);
    }
}
