// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import io.qss.registry.DeviceRegistry;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code upmu:pending}: whether there are unsaved changes; {@code --discard} drops them. */
@Service
@Command(scope = "upmu", name = "pending", description = "Shows (or discards) unsaved uPMU changes")
public class PendingCommand implements Action {

    @Reference(optional = true)
    DeviceRegistry registry;

    @Option(name = "--discard", description = "drop the unsaved changes")
    boolean isDiscard;

    @Override
    public Object execute() throws Exception {
        Services.require(registry, "DeviceRegistry (qss-registry)");
        if (isDiscard) {
            registry.discard();
        }
        int n = registry.unsavedChanges();
        System.out.println(n == 0 ? "no unsaved changes" : n + " unsaved change(s) - run save to apply");
        return null;
    }
}
