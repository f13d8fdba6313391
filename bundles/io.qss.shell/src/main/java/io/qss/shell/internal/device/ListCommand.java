// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.device;

import io.qss.device.DeviceType;
import io.qss.registry.Device;
import io.qss.registry.DeviceCatalog;
import io.qss.shell.internal.upmu.Services;
import io.qss.shell.internal.upmu.Table;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code device:list [--type T]}: the devices of every type (uPMUs included) with unsaved changes marked {@code *}
 * and devices whose type is not installed marked {@code (not installed)}.
 */
@Service
@Command(
        scope = "device",
        name = "list",
        description = "Lists devices of every type: alias, type, id, streams," + " properties")
public class ListCommand implements Action {

    @Reference(optional = true)
    DeviceCatalog catalog;

    @Reference(optional = true)
    List<DeviceType> types;

    @Option(name = "--type", aliases = "-t", description = "only devices of this type, e.g. c37118")
    String type;

    @Override
    public Object execute() throws Exception {
        Services.require(catalog, "DeviceCatalog (qss-registry)");
        Set<String> installed = types == null
                ? Set.of()
                : types.stream().map(DeviceType::typeId).collect(Collectors.toSet());
        List<Device> pending = catalog.pendingDevices().stream()
                .filter(d -> type == null || d.type().equals(type))
                .toList();
        System.out.print(render(pending, catalog.devices(), catalog.unsavedChanges(), installed));
        return null;
    }

    /** The table of {@code pending} devices; one not among the {@code saved} ones, as it is, is marked {@code *}. */
    static String render(List<Device> pending, List<Device> saved, int unsaved, Set<String> installed) {
        Table t = new Table("ALIAS", "TYPE", "ID", "STREAMS", "PROPERTIES");
        for (Device d : pending) {
            String properties = d.properties().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
            t.row(
                    d.alias() + (saved.contains(d) ? "" : " *"),
                    d.type() + (installed.contains(d.type()) ? "" : " (not installed)"),
                    d.id(),
                    d.streamUuids().size(),
                    properties.isEmpty() ? "-" : properties);
        }
        StringBuilder out = new StringBuilder(t.render());
        if (unsaved > 0) {
            out.append(unsaved).append(" unsaved change(s) (marked *) - run save to apply\n");
        }
        return out.toString();
    }
}
