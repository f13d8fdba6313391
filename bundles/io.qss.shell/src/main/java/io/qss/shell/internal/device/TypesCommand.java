// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.device;

import io.qss.device.DeviceType;
import io.qss.device.PropertySpec;
import io.qss.registry.Device;
import io.qss.registry.DeviceCatalog;
import io.qss.shell.internal.upmu.Table;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code device:types}: the installed device types with their description and the properties {@code device:add}
 * takes; types that configured devices name but whose bundle is not installed are listed too (those devices are
 * paused until it is).
 */
@Service
@Command(scope = "device", name = "types", description = "Lists device types: installed ones and their properties")
public class TypesCommand implements Action {

    @Reference(optional = true)
    List<DeviceType> types;

    @Reference(optional = true)
    DeviceCatalog catalog;

    @Override
    public Object execute() throws Exception {
        System.out.print(render(types == null ? List.of() : types, catalog == null ? List.of() : catalog.devices()));
        return null;
    }

    /** The table of types, then each installed type's properties. */
    static String render(List<DeviceType> installed, List<Device> devices) {
        Map<String, Long> counts =
                devices.stream().collect(Collectors.groupingBy(Device::type, TreeMap::new, Collectors.counting()));
        List<DeviceType> sorted = installed.stream()
                .sorted(Comparator.comparing(DeviceType::typeId))
                .toList();
        Map<String, String> rows = new TreeMap<>();
        sorted.forEach(t -> rows.put(t.typeId(), t.description()));
        counts.keySet()
                .forEach(type -> rows.putIfAbsent(
                        type, "(not installed: its devices are paused until its" + " bundle is installed)"));
        Table table = new Table("TYPE", "DEVICES", "DESCRIPTION");
        rows.forEach((type, description) -> table.row(type, counts.getOrDefault(type, 0L), description));
        StringBuilder out = new StringBuilder(table.render());
        for (DeviceType t : sorted) {
            out.append('\n')
                    .append(t.typeId())
                    .append(" properties (device:add ")
                    .append(t.typeId())
                    .append(" ALIAS key=value ...):\n")
                    .append(properties(t.properties()));
        }
        return out.toString();
    }

    private static String properties(List<PropertySpec> specs) {
        if (specs.isEmpty()) {
            return "  (none declared)\n";
        }
        Table table = new Table("  KEY", "REQUIRED", "DEFAULT", "DESCRIPTION");
        specs.forEach(p -> table.row("  " + p.key(), p.isRequired() ? "yes" : "no", p.defaultValue(), p.description()));
        return table.render();
    }
}
