// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import io.qss.registry.RegisteredDevice;
import io.qss.registry.RegistryException;
import java.util.Collection;
import java.util.List;

/** Where the saved devices persist (MongoDB in production). */
interface DeviceStore {

    /** Every saved device. */
    List<RegisteredDevice> load() throws RegistryException;

    /** Writes {@code upserts} (one document each, keyed by serial) and deletes the devices of {@code removedSerials}. */
    void write(Collection<RegisteredDevice> upserts, Collection<String> removedSerials) throws RegistryException;
}
