// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import io.qss.sync.CleanReport;
import io.qss.sync.SyncService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code upmu:clean-synced}: how many spooled files are synced and their size; deletes them after "delete". */
@Service
@Command(scope = "upmu", name = "clean-synced", description = "Deletes spooled files already synced (asks first)")
public class CleanSyncedCommand implements Action {

    @Reference(optional = true)
    SyncService sync;

    @Reference
    Session session;

    @Option(name = "--confirm", description = "answer to the question without asking (type: --confirm delete)")
    String confirm;

    @Override
    public Object execute() throws Exception {
        Services.require(sync, "SyncService (qss-sync)");
        CleanReport r = sync.synced();
        System.out.println(r.files() + " synced file(s) can be deleted, freeing " + Formats.bytes(r.bytes()));
        if (r.files() == 0) {
            return null;
        }
        if (!Confirmation.confirmed(session, confirm, "delete", "remove them")) {
            return null;
        }
        CleanReport deleted = sync.deleteSynced();
        System.out.println("deleted " + deleted.files() + " file(s), freed " + Formats.bytes(deleted.bytes()));
        return null;
    }
}
