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

/** {@code upmu:import-ini FILE}: replaces the pending configuration by an upmuconfig.ini (UUIDs carried over). */
@Service
@Command(scope = "upmu", name = "import-ini", description = "Reads an upmuconfig.ini into the pending configuration")
public class ImportIniCommand implements Action {

    @Reference(optional = true)
    DeviceRegistry registry;

    @Argument(index = 0, name = "file", required = true, description = "path of the upmuconfig.ini")
    String file;

    @Override
    public Object execute() throws Exception {
        Services.require(registry, "DeviceRegistry (qss-registry)");
        int n = registry.importIni(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        System.out.println("read " + n + " uPMU(s) from " + file + " - pending, run save to apply");
        return null;
    }
}
