// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import io.qss.registry.DeviceRegistry;
import io.qss.registry.SaveResult;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code upmu:save}: applies the pending configuration and updates the stream metadata. */
@Service
@Command(scope = "upmu", name = "save", description = "Saves pending uPMU changes and updates stream metadata")
public class SaveCommand implements Action {

    @Reference(optional = true)
    DeviceRegistry registry;

    @Override
    public Object execute() throws Exception {
        Services.require(registry, "DeviceRegistry (qss-registry)");
        SaveResult r = registry.save();
        System.out.println(
                r.isEmpty()
                        ? "nothing to save"
                        : "saved [added=" + r.added() + ", removed=" + r.removed()
                                + ", updated=" + r.updated() + "]; stream metadata updated"
                                + (r.dataDeleted() == 0 ? "" : "; data of " + r.dataDeleted() + " device(s) deleted"));
        return null;
    }
}
