// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.device;

import io.qss.registry.Device;
import io.qss.registry.DeviceCatalog;
import io.qss.registry.StreamEntry;
import io.qss.shell.internal.upmu.Services;
import io.qss.shell.internal.upmu.Table;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code device:streams ALIAS}: the streams of a saved device of any type (its type's streams and those the device
 * announced while live): path, unit and UUID.
 */
@Service
@Command(scope = "device", name = "streams", description = "Lists a device's streams: path, unit, uuid")
public class StreamsCommand implements Action {

    @Reference(optional = true)
    DeviceCatalog catalog;

    @Argument(index = 0, name = "alias", required = true, description = "the device's alias (or its id)")
    String key;

    @Override
    public Object execute() throws Exception {
        Services.require(catalog, "DeviceCatalog (qss-registry)");
        Device d = catalog.find(key)
                .orElseThrow(() -> new IllegalArgumentException("no saved device named " + key
                        + " (by alias or id; run save after device:add) [key=" + key + "]"));
        System.out.print(render(catalog.streams(d)));
        return null;
    }

    static String render(List<StreamEntry> streams) {
        Table t = new Table("PATH", "UNIT", "UUID");
        streams.forEach(s -> t.row(s.path(), s.unit().isEmpty() ? "-" : s.unit(), s.uuid()));
        return t.render();
    }
}
