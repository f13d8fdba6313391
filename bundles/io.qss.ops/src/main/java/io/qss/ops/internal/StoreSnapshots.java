// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Asks the store service for a snapshot through the store API. The API lives in its own bundle, so an update that
 * replaces the engine leaves this bundle wired as it was (see docs/backup.md).
 */
final class StoreSnapshots {

    private StoreSnapshots() {}

    static List<Path> snapshot(BundleContext context, Path target) throws IOException {
        ServiceReference<TimeSeriesStore> ref = context.getServiceReference(TimeSeriesStore.class);
        TimeSeriesStore store = ref == null ? null : context.getService(ref);
        if (store == null) {
            throw new IOException(
                    "store not available for a snapshot [service=" + TimeSeriesStore.class.getName() + "]");
        }
        try {
            return store.snapshot(target);
        } catch (StoreException e) {
            throw new IOException("store snapshot failed [target=" + target + "]", e);
        } finally {
            context.ungetService(ref);
        }
    }
}
