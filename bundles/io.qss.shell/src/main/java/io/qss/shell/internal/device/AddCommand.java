// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.device;

import io.qss.registry.Device;
import io.qss.registry.DeviceCatalog;
import io.qss.shell.internal.upmu.Services;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code device:add TYPE ALIAS key=value...}: adds a device of any installed type to the pending configuration
 * ({@code device:types} lists the properties each type takes). {@code device:add upmu soda ip=10.0.0.5
 * serial=P3001035} is {@code upmu:add 10.0.0.5 P3001035 soda}.
 */
@Service
@Command(scope = "device", name = "add", description = "Adds a device of any type (pending until save)")
public class AddCommand implements Action {

    @Reference(optional = true)
    DeviceCatalog catalog;

    @Argument(
            index = 0,
            name = "type",
            required = true,
            description = "the device type, e.g. c37118 (see" + " device:types)")
    String type;

    @Argument(
            index = 1,
            name = "alias",
            required = true,
            description = "its name, unique over all types; streams" + " at /<type>/<alias>/")
    String alias;

    @Argument(
            index = 2,
            name = "properties",
            multiValued = true,
            description = "key=value settings of the type," + " e.g. host=10.0.0.7 port=4712 idcode=7")
    List<String> properties;

    @Override
    public Object execute() throws Exception {
        Services.require(catalog, "DeviceCatalog (qss-registry)");
        Device d = catalog.add(type, alias, parse(properties == null ? List.of() : properties));
        System.out.println("added " + d.alias() + " [type=" + d.type() + ", id=" + d.id() + ", streams="
                + d.streamUuids().size() + "] - pending, run save to apply");
        return null;
    }

    /** {@code key=value} arguments as a map, in order; the value may contain {@code =}. */
    static Map<String, String> parse(List<String> arguments) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : arguments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("device property not in key=value form [argument=" + a + "]");
            }
            String key = a.substring(0, eq).trim();
            if (out.put(key, a.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("device property given twice [key=" + key + "]");
            }
        }
        return out;
    }
}
