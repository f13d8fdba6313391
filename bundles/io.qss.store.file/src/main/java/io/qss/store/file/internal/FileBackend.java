// SPDX-License-Identifier: Apache-2.0
package io.qss.store.file.internal;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreBackend;
import io.qss.store.api.spi.StoreVolume;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Component;

/** The {@code file} backend: a store volume is a local directory, {@code location} its path. */
@Component(service = StoreBackend.class, property = StoreBackend.PROPERTY + "=" + FileBackend.NAME)
public final class FileBackend implements StoreBackend {

    static final String NAME = "file";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StoreVolume open(String location) throws StoreException {
        return FileVolume.open(Path.of(location));
    }
}
