// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Services of qss bundles found by interface name and called by reflection through the service's own class loader,
 * with JDK types only. This bundle thus imports no package of a bundle an update replaces: an update replaces bundles
 * of the same name in place (whatever their package versions), and a bundle wired to one is refreshed, which would
 * stop the update's own code (see docs/backup.md).
 */
final class NamedServices {

    private NamedServices() {}

    /** The highest-ranked service of {@code type} matching {@code filter} (null for any), or null when none is. */
    static ServiceReference<?> find(BundleContext context, String type, String filter) throws IOException {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(type, filter);
            return refs == null
                    ? null
                    : Arrays.stream(refs).max(ServiceReference::compareTo).orElse(null);
        } catch (InvalidSyntaxException e) {
            throw new IOException("service filter invalid [service=" + type + ", filter=" + filter + "]", e);
        }
    }

    /**
     * Calls {@code type.method(args)}, the method taking {@code parameters}, on the service behind {@code ref}.
     *
     * @throws InvocationTargetException carrying what the method threw
     * @throws IOException when the service is gone or has no such method
     */
    static Object call(
            BundleContext context,
            ServiceReference<?> ref,
            String type,
            String method,
            Class<?>[] parameters,
            Object... args)
            throws IOException, InvocationTargetException {
        Object service = ref == null ? null : context.getService(ref);
        if (service == null) {
            throw new IOException("service not available [service=" + type + "]");
        }
        try {
            Class<?> api = service.getClass().getClassLoader().loadClass(type);
            return api.getMethod(method, parameters).invoke(service, args);
        } catch (InvocationTargetException e) {
            throw e;
        } catch (ReflectiveOperationException | IllegalArgumentException | ClassCastException e) {
            throw new IOException("service API not found [service=" + type + ", method=" + method + "]", e);
        } finally {
            context.ungetService(ref);
        }
    }
}
