// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.registry.DeviceCatalog;
import io.qss.registry.RegistryException;
import java.util.function.BiConsumer;

/**
 * A live device's kept state (e.g. its last configuration frame): in memory first, so the next session gets it even
 * while the catalog cannot store it, and in the catalog, so it survives a restart of qss. Thread-safe.
 */
final class KeptState {

    private final String alias;
    private final DeviceCatalog catalog;
    private final BiConsumer<String, Throwable> problems;
    private volatile byte[] state;

    KeptState(String alias, DeviceCatalog catalog, BiConsumer<String, Throwable> problems) {
        this.alias = alias;
        this.catalog = catalog;
        this.problems = problems;
    }

    void save(byte[] bytes) {
        state = bytes;
        try {
            catalog.saveState(alias, bytes);
        } catch (RegistryException | RuntimeException e) {
            problems.accept("saving the device state failed [alias=" + alias + "]", e);
        }
    }

    /** The state last saved; from the catalog when none was saved since start; empty when none or unreadable. */
    byte[] load() {
        byte[] kept = state;
        if (kept != null) {
            return kept;
        }
        try {
            state = catalog.loadState(alias);
            return state;
        } catch (RegistryException | RuntimeException e) {
            problems.accept("loading the device state failed [alias=" + alias + "]", e);
            return new byte[0];
        }
    }
}
