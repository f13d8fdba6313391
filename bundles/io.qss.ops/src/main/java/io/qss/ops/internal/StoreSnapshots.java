// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Calls {@code io.qss.store.api.TimeSeriesStore#snapshot(Path)} on the store service found by its interface name, by
 * reflection through the store bundle's own class loader. This bundle thus imports nothing from the store, not even
 * its API bundle: an update replaces bundles of the same name in place (the API's too, whatever its package
 * version), and a bundle wired to one is refreshed, which would stop the update's own code (see docs/backup.md).
 */
final class StoreSnapshots {

    static final String STORE_SERVICE = "io.qss.store.api.TimeSeriesStore";

    private StoreSnapshots() {}

    static List<?> snapshot(BundleContext context, Path target) throws IOException {
        ServiceReference<?> ref = context.getServiceReference(STORE_SERVICE);
        Object store = ref == null ? null : context.getService(ref);
        if (store == null) {
            throw new IOException("store not available for a snapshot [service=" + STORE_SERVICE + "]");
        }
        try {
            Class<?> api = store.getClass().getClassLoader().loadClass(STORE_SERVICE);
            Method snapshot = api.getMethod("snapshot", Path.class);
            return (List<?>) snapshot.invoke(store, target);
        } catch (InvocationTargetException e) {
            throw new IOException("store snapshot failed [target=" + target + "]", e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IOException("store snapshot API not found [service=" + STORE_SERVICE + "]", e);
        } finally {
            context.ungetService(ref);
        }
    }
}
