// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import io.qss.sync.ImportReport;
import io.qss.sync.SyncService;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code upmu:importdat DIR [SERIAL]}: queues a folder tree of .dat files for sync, with progress. Each file goes to
 * the serial its name or folder names; SERIAL only to files naming none. Files of another serial, of an unregistered
 * one or of no serial at all are refused and listed, never imported into the wrong device.
 */
@Service
@Command(scope = "upmu", name = "importdat", description = "Imports .dat files (recursively) into the sync queue")
public class ImportDatCommand implements Action {

    @Reference(optional = true)
    SyncService sync;

    @Argument(index = 0, name = "dir", required = true, description = "full path of the folder holding the .dat files")
    String dir;

    @Argument(
            index = 1,
            name = "serial",
            description = "serial of the uPMU for files whose name and folders name no serial;"
                    + " files naming another serial are refused")
    String serial;

    @Option(name = "-q", aliases = "--quiet", description = "print only the summary")
    boolean isQuiet;

    @Override
    public Object execute() throws Exception {
        Services.require(sync, "SyncService (qss-sync)");
        long started = System.nanoTime();
        ImportReport r = sync.importDat(Path.of(dir).toAbsolutePath(), serial, (done, total, path, outcome) -> {
            if (!isQuiet && (!outcome.startsWith("imported") || done % 100 == 0 || done == total)) {
                System.out.println("[" + done + "/" + total + "] " + path + ": " + outcome);
            }
        });
        System.out.printf(
                "import done in %.1f s: %d files, %d imported (%s), %d already imported, %d refused;"
                        + " sync ingests them now%n",
                (System.nanoTime() - started) / 1e9,
                r.files(),
                r.imported(),
                Formats.bytes(r.bytes()),
                r.skipped(),
                r.unassigned());
        System.out.print(Formats.refusals(r.refused()));
        return null;
    }
}
