// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegisteredDevice;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code upmu:setext ip true|false}: switches a uPMU between extended and base mode. */
@Service
@Command(scope = "upmu", name = "setext", description = "Switches a uPMU between extended (true) and base (false)")
public class SetExtCommand implements Action {

    @Reference(optional = true)
    DeviceRegistry registry;

    @Argument(index = 0, name = "ip", required = true, description = "IP address (or serial or alias)")
    String key;

    @Argument(index = 1, name = "extended", required = true, description = "true = extended, false = base")
    String extended;

    @Override
    public Object execute() throws Exception {
        Services.require(registry, "DeviceRegistry (qss-registry)");
        RegisteredDevice d = registry.setExtended(key, Formats.parseExtended(extended));
        System.out.println(
                d.alias() + " is now " + (d.isExtended() ? "extended" : "base") + " - pending, run save to apply");
        return null;
    }
}
