// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.ops.BackupService;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code qss:backup DIR}: a consistent online snapshot of the data and {@code etc/} into DIR. */
@Service
@Command(
        scope = "qss",
        name = "backup",
        description = "Writes a consistent online backup (store, raw spool, MongoDB,"
                + " etc/) with a SHA-256 manifest into DIR, outside the data directory; ingest goes on")
public class BackupCommand implements Action {

    @Argument(index = 0, name = "dir", required = true, description = "New or empty folder for the backup")
    String dir;

    @Reference
    BackupService backupService;

    @Override
    public Object execute() throws Exception {
        System.out.println(backupService.backup(Path.of(dir), Confirm::print));
        return null;
    }
}
