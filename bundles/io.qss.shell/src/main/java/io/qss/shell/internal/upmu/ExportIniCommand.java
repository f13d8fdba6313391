// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import io.qss.registry.DeviceRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code upmu:export-ini [FILE]}: writes the configuration as upmuconfig.ini (to stdout without FILE). */
@Service
@Command(scope = "upmu", name = "export-ini", description = "Writes the uPMU configuration as upmuconfig.ini")
public class ExportIniCommand implements Action {

    @Reference(optional = true)
    DeviceRegistry registry;

    @Argument(index = 0, name = "file", description = "where to write; default: print it")
    String file;

    @Override
    public Object execute() throws Exception {
        Services.require(registry, "DeviceRegistry (qss-registry)");
        String ini = registry.exportIni();
        if (file == null) {
            System.out.print(ini);
        } else {
            Files.writeString(Path.of(file), ini, StandardCharsets.UTF_8);
            System.out.println("wrote " + registry.pendingDevices().size() + " uPMU(s) to " + file);
        }
        return null;
    }
}
