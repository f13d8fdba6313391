// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.device;

import io.qss.registry.DeviceCatalog;
import io.qss.registry.SaveResult;
import io.qss.shell.internal.upmu.Services;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code device:save}: applies the pending configuration of every type (the same one {@code upmu:save} applies) and
 * creates or updates the devices' streams in the store.
 */
@Service
@Command(scope = "device", name = "save", description = "Saves pending device changes of every type (as upmu:save)")
public class SaveCommand implements Action {

    @Reference(optional = true)
    DeviceCatalog catalog;

    @Override
    public Object execute() throws Exception {
        Services.require(catalog, "DeviceCatalog (qss-registry)");
        System.out.println(describe(catalog.save()));
        return null;
    }

    static String describe(SaveResult r) {
        return r.isEmpty() && r.dataDeleted() == 0
                ? "nothing to save"
                : "saved [added=" + r.added() + ", removed="
                        + r.removed() + ", updated=" + r.updated() + "]; streams updated"
                        + (r.dataDeleted() == 0 ? "" : "; data of " + r.dataDeleted() + " device(s) deleted");
    }
}
