// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.ops.UpdateService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code qss:version}: the installed qss version. */
@Service
@Command(scope = "qss", name = "version", description = "Prints the installed qss version")
public class VersionCommand implements Action {

    @Reference
    UpdateService updateService;

    @Override
    public Object execute() {
        System.out.println(updateService.installedVersion());
        return null;
    }
}
