// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import io.qss.registry.DeviceChange;
import io.qss.registry.DeviceRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code upmu:import-ini FILE}: replaces the pending configuration by an upmuconfig.ini (UUIDs carried over). It
 * first lists what it adds, removes and changes, then asks for {@code replace} ({@code --replace}: no question,
 * {@code --dry-run}: only the list), because the import replaces every device, not only those in the file.
 */
@Service
@Command(
        scope = "upmu",
        name = "import-ini",
        description = "Reads an upmuconfig.ini into the pending configuration" + " (shows the changes and asks first)")
public class ImportIniCommand implements Action {

    @Reference(optional = true)
    DeviceRegistry registry;

    @Reference
    Session session;

    @Argument(index = 0, name = "file", required = true, description = "path of the upmuconfig.ini")
    String file;

    @Option(name = "--dry-run", description = "only show what the import would add, remove and change")
    boolean isDryRun;

    @Option(name = "--replace", description = "replace the pending configuration without asking")
    boolean isReplaceConfirmed;

    @Override
    public Object execute() throws Exception {
        Services.require(registry, "DeviceRegistry (qss-registry)");
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such file " + file + " [file=" + path.toAbsolutePath() + "]");
        }
        String text = Files.readString(path, StandardCharsets.UTF_8);
        List<DeviceChange> changes = registry.previewIni(text);
        System.out.print(Formats.changes(changes));
        if (changes.isEmpty() || isDryRun) {
            System.out.println(changes.isEmpty() ? "no changes" : "dry run: nothing changed");
            return null;
        }
        if (!Confirmation.confirmed(
                session, isReplaceConfirmed ? "replace" : null, "replace", "replace the pending configuration")) {
            return null;
        }
        int n = registry.importIni(text);
        System.out.println("read " + n + " uPMU(s) from " + file + " - pending, run save to apply");
        return null;
    }
}
