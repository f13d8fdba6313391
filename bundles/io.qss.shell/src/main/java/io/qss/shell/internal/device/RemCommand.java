// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.device;

import io.qss.registry.Device;
import io.qss.registry.DeviceCatalog;
import io.qss.shell.internal.upmu.Confirmation;
import io.qss.shell.internal.upmu.Services;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code device:rem ALIAS}: removes a device of any type from the pending configuration; its stored data stays, so
 * adding it again brings back the same streams. {@code --delete-data} also deletes its streams at save, after the
 * operator typed {@code delete} (or with {@code --yes}).
 */
@Service
@Command(
        scope = "device",
        name = "rem",
        description = "Removes a device of any type by alias or id (pending until" + " save)")
public class RemCommand implements Action {

    @Reference(optional = true)
    DeviceCatalog catalog;

    @Reference
    Session session;

    @Argument(index = 0, name = "alias", required = true, description = "the device's alias (or its id)")
    String key;

    @Option(name = "--delete-data", description = "also delete all stored data of the device at save (asks first)")
    boolean isDataDeleted;

    @Option(name = "--yes", description = "with --delete-data: do not ask")
    boolean isConfirmed;

    @Override
    public Object execute() throws Exception {
        Services.require(catalog, "DeviceCatalog (qss-registry)");
        Device d = catalog.pendingDevices().stream()
                .filter(x -> x.alias().equals(key))
                .findFirst()
                .or(() -> catalog.pendingDevices().stream()
                        .filter(x -> x.id().equals(key))
                        .findFirst())
                .orElseThrow(() ->
                        new IllegalArgumentException("no device named " + key + " (by alias or id) [key=" + key + "]"));
        if (isDataDeleted) {
            System.out.println("save will delete every stored stream of " + d.alias() + " [type=" + d.type() + ", id="
                    + d.id() + ", streams=/" + d.collection() + "/*]; this cannot be undone");
            if (!Confirmation.confirmed(session, isConfirmed ? "delete" : null, "delete", "delete its data")) {
                return null;
            }
        }
        catalog.remove(d.alias(), isDataDeleted);
        System.out.println("removed " + d.alias() + " [type=" + d.type() + ", id=" + d.id() + "] - pending, run"
                + " save to apply"
                + (isDataDeleted
                        ? " (its stored data is deleted then)"
                        : " (stored data is kept; device:add of the same id brings its streams back)"));
        return null;
    }
}
