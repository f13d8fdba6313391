// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal;

import io.qss.core.health.ComponentHealth;
import io.qss.core.health.SystemHealth;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** {@code qss:status}: every qss component with its state, detail and figures, as {@code supervisorctl status} did. */
@Service
@Command(scope = "qss", name = "status", description = "Shows every qss component with its state, ports and counters")
public class StatusCommand implements Action {

    @Reference
    BundleContext bundleContext;

    @Override
    public Object execute() throws Exception {
        List<ServiceReference<ComponentHealth>> references =
                List.copyOf(bundleContext.getServiceReferences(ComponentHealth.class, null));
        List<ComponentHealth> sources = new ArrayList<>();
        for (ServiceReference<ComponentHealth> reference : references) {
            ComponentHealth source = bundleContext.getService(reference);
            if (source != null) {
                sources.add(source);
            }
        }
        try {
            System.out.print(StatusTable.render(SystemHealth.of(sources)));
        } finally {
            references.forEach(bundleContext::ungetService);
        }
        return null;
    }
}
