// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegisteredDevice;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code upmu:add ipaddr serial alias [ext]}: adds a uPMU to the pending configuration. */
@Service
@Command(scope = "upmu", name = "add", description = "Adds a uPMU (pending until upmu:save)")
public class AddCommand implements Action {

    @Reference(optional = true)
    DeviceRegistry registry;

    @Argument(index = 0, name = "ipaddr", required = true, description = "the uPMU's IP address")
    String ip;

    @Argument(index = 1, name = "serial", required = true, description = "its serial number, e.g. P3001035")
    String serial;

    @Argument(index = 2, name = "alias", required = true, description = "its name; streams at /upmu/<alias>/")
    String alias;

    @Argument(index = 3, name = "ext", description = "true for extended mode (19 streams); default base")
    String ext;

    @Override
    public Object execute() throws Exception {
        Services.require(registry, "DeviceRegistry (qss-registry)");
        RegisteredDevice d = registry.add(ip, serial, alias, Formats.parseExtended(ext));
        System.out.println("added " + d.alias() + " [ip=" + d.ip() + ", serial=" + d.serial() + ", mode="
                + (d.isExtended() ? "extended" : "base") + "] - pending, run save to apply");
        return null;
    }
}
