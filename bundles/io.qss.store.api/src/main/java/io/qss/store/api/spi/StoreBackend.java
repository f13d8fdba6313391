// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api.spi;

import io.qss.store.api.StoreException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A place to keep stores: local files, a Ceph RADOS pool, ... Registered as an OSGi service with the property
 * {@value #PROPERTY}{@code =}{@link #name()}. Thread-safe.
 */
@ConsumerType
public interface StoreBackend {

    /** The service property naming the backend, matched against the engine's {@code backend} setting. */
    String PROPERTY = "backend";

    /** Short name, e.g. {@code file} or {@code rados}. */
    String name();

    /**
     * Opens the volume of one store, creating it if absent. Opening takes no lease: a volume is readable by any
     * number of processes; writing needs {@link StoreVolume#acquireWriter}.
     *
     * @param location where within the backend, never null: a directory for {@code file}, an object name prefix
     *     (a namespace) within the configured pool for {@code rados}
     * @throws StoreException {@code UNAVAILABLE} when the backend cannot be reached, {@code IO_ERROR} otherwise,
     *     naming the location
     */
    StoreVolume open(String location) throws StoreException;
}
