// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import org.osgi.framework.BundleContext;

/**
 * Calls {@code io.qss.store.api.TimeSeriesStore#snapshot(Path)} on the store service found by its interface name,
 * through {@link NamedServices}: this bundle imports nothing from the store, not even its API bundle (see there).
 */
final class StoreSnapshots {

    static final String STORE_SERVICE = "io.qss.store.api.TimeSeriesStore";

    private StoreSnapshots() {}

    static List<?> snapshot(BundleContext context, Path target) throws IOException {
        try {
            return (List<?>) NamedServices.call(
                    context,
                    NamedServices.find(context, STORE_SERVICE, null),
                    STORE_SERVICE,
                    "snapshot",
                    new Class<?>[] {Path.class},
                    target);
        } catch (InvocationTargetException e) {
            throw new IOException("store snapshot failed [target=" + target + "]", e.getCause());
        } catch (ClassCastException e) {
            throw new IOException("store snapshot API not found [service=" + STORE_SERVICE + "]", e);
        }
    }
}
