// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.ops.UpdateResult;
import io.qss.ops.UpdateService;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code qss:update ARCHIVE}: hot update from a {@code qss-update-<version>.tar.gz}; {@code qss:update --rollback}:
 * back to the version before the last update. Lives in this bundle, not in
 * {@code io.qss.shell}, because the update replaces {@code io.qss.shell} while the command runs.
 */
@Service
@Command(
        scope = "qss",
        name = "update",
        description = "Applies an offline update archive (qss-update-<version>.tar.gz)"
                + " to the running qss: verifies checksums, swaps features without a restart, rolls back on failure")
public class UpdateCommand implements Action {

    @Argument(
            index = 0,
            name = "archive",
            required = false,
            description = "Path of the qss-update-<version>.tar.gz archive (or the folder it was unpacked into)")
    String archive;

    @Option(name = "--rollback", description = "Return to the version that ran before the last update (no archive)")
    boolean isRollback;

    @Reference
    UpdateService updateService;

    @Override
    public Object execute() throws Exception {
        if (isRollback == (archive != null)) {
            throw new IllegalArgumentException("give either an archive or --rollback [archive=" + archive + "]");
        }
        UpdateResult result = isRollback
                ? updateService.rollback(Confirm::print)
                : updateService.update(Path.of(archive), Confirm::print);
        if (result.isRolledBack()) {
            throw new IllegalStateException("update to " + result.toVersion() + " failed; " + result.detail());
        }
        System.out.println("qss updated from " + result.fromVersion() + " to " + result.toVersion());
        return null;
    }
}
