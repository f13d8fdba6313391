// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import io.qss.sync.SyncService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code upmu:reingest alias}: raises the uPMU's generation so all its spooled files are ingested again. */
@Service
@Command(scope = "upmu", name = "reingest", description = "Ingests every spooled file of a uPMU again")
public class ReingestCommand implements Action {

    @Reference(optional = true)
    SyncService sync;

    @Argument(index = 0, name = "alias", required = true, description = "uPMU alias, serial or IP")
    String key;

    @Override
    public Object execute() throws Exception {
        Services.require(sync, "SyncService (qss-sync)");
        long generation = sync.reingest(key);
        System.out.println("re-ingest of " + key + " started [generation=" + generation + "]; see upmu:list");
        return null;
    }
}
