// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.ops.BackupService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code qss:newdb}: the manual's new database (chapter 6): deletes all data, keeps the keys. */
@Service
@Command(
        scope = "qss",
        name = "newdb",
        description = "Deletes the store, raw spool and MongoDB data (keeps keys/)"
                + " after confirmation; qss starts again with an empty database")
public class NewdbCommand implements Action {

    @Option(name = "--yes", aliases = "-y", description = "Do not ask for confirmation (scripts)")
    boolean isYes;

    @Reference
    BackupService backupService;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        if (!Confirm.ask(session, isYes, "This deletes ALL data: every stream, spooled file and MongoDB document.")) {
            System.out.println("new database cancelled");
            return null;
        }
        System.out.println(backupService.newDatabase(Confirm::print));
        return null;
    }
}
