// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.device;

import io.qss.registry.DeviceCatalog;
import io.qss.shell.internal.upmu.Services;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code device:pending}: whether there are unsaved changes of any type; {@code --discard} drops them. */
@Service
@Command(
        scope = "device",
        name = "pending",
        description = "Shows (or discards) unsaved device changes of every" + " type")
public class PendingCommand implements Action {

    @Reference(optional = true)
    DeviceCatalog catalog;

    @Option(name = "--discard", description = "drop the unsaved changes (uPMU ones too)")
    boolean isDiscard;

    @Override
    public Object execute() throws Exception {
        Services.require(catalog, "DeviceCatalog (qss-registry)");
        if (isDiscard) {
            catalog.discard();
        }
        int n = catalog.unsavedChanges();
        System.out.println(n == 0 ? "no unsaved changes" : n + " unsaved change(s) - run save to apply");
        return null;
    }
}
