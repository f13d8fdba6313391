// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegisteredDevice;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code upmu:rem ip|serial|alias}: removes a uPMU from the pending configuration; its stored data stays. */
@Service
@Command(scope = "upmu", name = "rem", description = "Removes a uPMU by IP, serial or alias (pending until upmu:save)")
public class RemCommand implements Action {

    @Reference(optional = true)
    DeviceRegistry registry;

    @Argument(index = 0, name = "key", required = true, description = "IP address, serial number or alias")
    String key;

    @Override
    public Object execute() throws Exception {
        Services.require(registry, "DeviceRegistry (qss-registry)");
        RegisteredDevice d = registry.remove(key);
        System.out.println("removed " + d.alias() + " [ip=" + d.ip() + ", serial=" + d.serial()
                + "] - pending, run save to apply (stored data and spooled files are kept)");
        return null;
    }
}
