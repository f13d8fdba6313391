// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.file.FileVolumes;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Standby and takeover on one directory (two distributions on a shared file system): the OS lock is the lease. */
class FileStandbyTest extends StandbyContract {

    @TempDir
    Path dir;

    @Override
    protected StoreVolume openVolume() throws StoreException {
        return FileVolumes.open(dir);
    }

    @Override
    protected long takeoverMillis() {
        return 10_000;
    }
}
