// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.auth;

import io.qss.auth.AuthAdmin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code plotter:lsusers}: every account with its tags ({@code user: tag, tag}), as Mr. Plotter's {@code ls}. */
@Service
@Command(scope = "plotter", name = "lsusers", description = "Lists plotter accounts with their tags")
public class PlotterListUsersCommand implements Action {

    @Reference
    AuthAdmin admin;

    @Override
    public Object execute() {
        System.out.print(ApiKeyTable.accounts(admin.accounts())
                + ApiKeyTable.ignored(admin.ignoredDocuments(), "mr_plotter.accounts"));
        return null;
    }
}
