// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegisteredDevice;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code upmu:rem ip|serial|alias}: removes a uPMU from the pending configuration; its stored data stays, so adding
 * it again brings back the same streams. {@code --delete-data} also deletes its streams at {@code upmu:save}, after
 * the operator typed {@code delete} (or with {@code --yes}).
 */
@Service
@Command(scope = "upmu", name = "rem", description = "Removes a uPMU by IP, serial or alias (pending until upmu:save)")
public class RemCommand implements Action {

    @Reference(optional = true)
    DeviceRegistry registry;

    @Reference
    Session session;

    @Argument(index = 0, name = "key", required = true, description = "IP address, serial number or alias")
    String key;

    @Option(name = "--delete-data", description = "also delete all stored data of the uPMU at upmu:save (asks first)")
    boolean isDataDeleted;

    @Option(name = "--yes", description = "with --delete-data: do not ask")
    boolean isConfirmed;

    @Override
    public Object execute() throws Exception {
        Services.require(registry, "DeviceRegistry (qss-registry)");
        RegisteredDevice d = registry.findPending(key)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no device named " + key + " (by IP, serial or alias) [key=" + key + "]"));
        if (isDataDeleted) {
            System.out.println("upmu:save will delete every stored stream of " + d.alias() + " [serial=" + d.serial()
                    + ", streams=/upmu/" + d.alias() + "/*]; this cannot be undone");
            if (!Confirmation.confirmed(session, isConfirmed ? "delete" : null, "delete", "delete its data")) {
                return null;
            }
        }
        registry.remove(d.serial(), isDataDeleted);
        System.out.println("removed " + d.alias() + " [ip=" + d.ip() + ", serial=" + d.serial() + "] - pending, run"
                + " save to apply"
                + (isDataDeleted
                        ? " (its stored data is deleted then; spooled files are kept)"
                        : " (stored data and spooled files are kept; upmu:add brings its streams back)"));
        return null;
    }
}
