// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.osgi;

import io.qss.core.data.DataArea;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreBackend;
import io.qss.store.api.spi.StoreVolume;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The data area {@code store} where the store really is: the configured backend and location (PID
 * {@code io.qss.store}, the same options as the store component), so a restore or a new database on {@code rados}
 * replaces the pool namespace and not an unused local folder. Not a data owner: it keeps nothing open and works
 * while the store component is stopped for the replacement, which it needs, since it takes the store's writer lease.
 * A missing backend refuses the replacement (nothing is replaced) rather than letting a folder be replaced instead.
 *
 * <p>Thread-safe: immutable; {@link VolumeReplacement} does the work on a volume of its own per call.
 */
@Component(service = DataArea.class, configurationPid = "io.qss.store", property = DataArea.AREA + "=store")
public final class StoreDataArea implements DataArea {

    private final String backendName;
    private final String location;
    private final StoreBackend backend;

    @Activate
    public StoreDataArea(
            StoreConfig config,
            @Reference(
                            name = "backend",
                            target = "(" + StoreBackend.PROPERTY + "=file)",
                            cardinality = ReferenceCardinality.OPTIONAL,
                            policyOption = ReferencePolicyOption.GREEDY)
                    StoreBackend backend) {
        this(config.backend(), StoreComponent.location(config), backend);
    }

    StoreDataArea(String backendName, String location, StoreBackend backend) {
        this.backendName = backendName;
        this.location = location;
        this.backend = backend;
    }

    @Override
    public String area() {
        return "store";
    }

    @Override
    public String describe() {
        return "backend=" + backendName + ", location=" + location;
    }

    @Override
    public String replace(Path export, Consumer<String> progress) throws IOException {
        if (backend == null || !backend.name().equals(backendName)) {
            throw new IOException("store backend not installed; nothing replaced [" + describe() + "]");
        }
        long start = System.nanoTime();
        try (StoreVolume volume = open()) {
            VolumeReplacement.Written written =
                    VolumeReplacement.replace(volume, export, "qss restore " + runtimeName(), progress);
            long ms = (System.nanoTime() - start) / 1_000_000;
            return (export == null ? "store emptied in " : "store restored into ") + backendName + " "
                    + volume.describe() + " [objects=" + written.objects() + ", bytes=" + written.bytes() + ", ms="
                    + ms + "]";
        }
    }

    private StoreVolume open() throws IOException {
        try {
            return backend.open(location);
        } catch (StoreException e) {
            throw new IOException("opening the store's volume failed; nothing replaced [" + describe() + "]", e);
        }
    }

    /** {@code pid@host}, so that the message of a process refused the lease meanwhile names this one. */
    private static String runtimeName() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }
}
