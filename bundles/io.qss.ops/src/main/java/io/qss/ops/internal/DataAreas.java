// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Replaces a data area through the {@code io.qss.core.data.DataArea} service registered for it (the store on any
 * backend), found by name through {@link NamedServices}: this bundle does not import {@code io.qss.core}, which an
 * update replaces. Areas without such a service are folders of the data directory, replaced by {@link DataFiles}.
 */
final class DataAreas {

    static final String SERVICE = "io.qss.core.data.DataArea";
    /** The service property naming the area (the API's {@code DataArea.AREA}). */
    static final String AREA = "qss.data.area";

    private DataAreas() {}

    /** Where the area's data lives, or empty when no service is registered for it. */
    static Optional<String> describe(BundleContext context, String area) throws IOException {
        ServiceReference<?> ref = find(context, area);
        return ref == null ? Optional.empty() : Optional.of((String) call(context, ref, "describe", new Class<?>[0]));
    }

    /**
     * Replaces the area through its service ({@code export} null: empty).
     *
     * @return the service's summary line, or empty when no service is registered for the area (nothing done)
     * @throws IOException what the service threw, as it threw it when an IOException
     */
    static Optional<String> replace(BundleContext context, String area, Path export, Consumer<String> progress)
            throws IOException {
        ServiceReference<?> ref = find(context, area);
        if (ref == null) {
            return Optional.empty();
        }
        return Optional.of(
                (String) call(context, ref, "replace", new Class<?>[] {Path.class, Consumer.class}, export, progress));
    }

    private static ServiceReference<?> find(BundleContext context, String area) throws IOException {
        return NamedServices.find(context, SERVICE, "(" + AREA + "=" + area + ")");
    }

    private static Object call(
            BundleContext context, ServiceReference<?> ref, String method, Class<?>[] types, Object... args)
            throws IOException {
        try {
            return NamedServices.call(context, ref, SERVICE, method, types, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("data area failed [service=" + SERVICE + ", method=" + method + "]", e.getCause());
        }
    }
}
