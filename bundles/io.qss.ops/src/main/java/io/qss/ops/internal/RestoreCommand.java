// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.ops.BackupService;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code qss:restore DIR [--keep-etc]}: replaces the data and the configuration with a backup's. Lives in this
 * bundle because it stops the data bundles' components while it runs.
 */
@Service
@Command(
        scope = "qss",
        name = "restore",
        description = "Verifies a backup's checksums, pauses ingest and replaces"
                + " the store, raw spool, MongoDB data and configuration (etc/) with the backup's")
public class RestoreCommand implements Action {

    @Argument(index = 0, name = "dir", required = true, description = "Folder written by qss:backup")
    String dir;

    @Option(name = "--yes", aliases = "-y", description = "Do not ask for confirmation (scripts)")
    boolean isYes;

    @Option(name = "--keep-etc", description = "Leave the configuration (etc/) as it is; restore only the data")
    boolean isEtcKept;

    @Reference
    BackupService backupService;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        String question = "Every point and document written since the backup will be lost"
                + (isEtcKept ? "." : ", and etc/ goes back to the backup's (changed files are saved first).");
        if (!Confirm.ask(session, isYes, question)) {
            System.out.println("restore cancelled");
            return null;
        }
        System.out.println(backupService.restore(Path.of(dir), !isEtcKept, Confirm::print));
        return null;
    }
}
