// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import io.qss.registry.DeviceRegistry;
import io.qss.registry.RegisteredDevice;
import io.qss.sync.DeviceSyncStatus;
import io.qss.sync.FailedFile;
import io.qss.sync.SyncService;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code upmu:list}: the uPMUs (with unsaved changes), their sync state, failed files, devices whose files disagree
 * with their mode (MODE marked {@code !}, with the fix below the table), devices whose files wait (their device type
 * is not installed) and unknown senders.
 */
@Service
@Command(scope = "upmu", name = "list", description = "Lists uPMUs: IP, serial, alias, mode, sync state")
public class ListCommand implements Action {

    @Reference(optional = true)
    DeviceRegistry registry;

    @Reference(optional = true)
    SyncService sync;

    @Override
    public Object execute() throws Exception {
        Services.require(registry, "DeviceRegistry (qss-registry)");
        Map<String, DeviceSyncStatus> status = sync == null
                ? Map.of()
                : sync.status().stream().collect(Collectors.toMap(DeviceSyncStatus::serial, Function.identity()));
        System.out.print(render(
                registry.pendingDevices(),
                registry.devices(),
                registry.unsavedChanges(),
                status,
                sync == null ? Map.of() : sync.unknownSenders()));
        if (sync == null) {
            System.out.println("sync is not running: sync state not shown (see qss:status)");
        }
        return null;
    }

    /** E.g. {@code paused: device type upmu not installed [alias=a, pending=2]}; empty when the device is not paused. */
    static String pausedLine(DeviceSyncStatus s) {
        return s.isPaused() ? s.paused() + " [alias=" + s.alias() + ", pending=" + s.pending() + "]\n" : "";
    }

    /** The table of {@code pending} devices; one not among the {@code saved} ones, as it is, is marked {@code *}. */
    static String render(
            List<RegisteredDevice> pending,
            List<RegisteredDevice> saved,
            int unsaved,
            Map<String, DeviceSyncStatus> status,
            Map<String, Integer> unknown) {
        Table t = new Table("ALIAS", "IP", "SERIAL", "MODE", "GEN", "PENDING", "SYNCED", "FAILED", "LAST SYNCED");
        for (RegisteredDevice d : pending) {
            DeviceSyncStatus s = status.get(d.serial());
            boolean isSaved = saved.contains(d);
            boolean isMismatched = s != null && !s.configMismatch().isEmpty();
            t.row(
                    d.alias() + (isSaved ? "" : " *"),
                    d.ip(),
                    d.serial(),
                    (d.isExtended() ? "extended" : "base") + (isMismatched ? " !" : ""),
                    d.generation(),
                    s == null ? "-" : s.pending(),
                    s == null ? "-" : s.synced(),
                    s == null ? "-" : s.failed(),
                    s == null ? "-" : Formats.time(s.lastSynced()));
        }
        StringBuilder out = new StringBuilder(t.render());
        for (DeviceSyncStatus s : status.values()) {
            for (FailedFile f : s.failures()) {
                out.append("failed: ")
                        .append(s.alias())
                        .append(' ')
                        .append(f.path())
                        .append(": ")
                        .append(f.reason())
                        .append('\n');
            }
            if (!s.lastError().isEmpty() && s.failures().isEmpty()) {
                out.append("last error: ")
                        .append(s.alias())
                        .append(": ")
                        .append(s.lastError())
                        .append('\n');
            }
            if (!s.configMismatch().isEmpty()) {
                out.append("mode mismatch (!): ").append(s.configMismatch()).append('\n');
            }
            out.append(pausedLine(s));
        }
        unknown.forEach((serial, files) -> out.append("unknown sender: ")
                .append(serial)
                .append(" (")
                .append(files)
                .append(" files spooled, not ingested; add it to ingest them)\n"));
        if (unsaved > 0) {
            out.append(unsaved).append(" unsaved change(s) (marked *) - run save to apply\n");
        }
        return out.toString();
    }
}
