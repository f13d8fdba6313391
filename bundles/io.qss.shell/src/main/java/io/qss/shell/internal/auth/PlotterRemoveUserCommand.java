// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.auth;

import io.qss.auth.AuthAdmin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code plotter:rmuser USER}: removes a plotter account. */
@Service
@Command(scope = "plotter", name = "rmuser", description = "Removes a plotter account")
public class PlotterRemoveUserCommand implements Action {

    @Argument(index = 0, name = "user", required = true, description = "the user name")
    String user;

    @Reference
    AuthAdmin admin;

    @Override
    public Object execute() throws Exception {
        if (!admin.removeAccount(user)) {
            throw new IllegalArgumentException("no such account [user=" + user + "]");
        }
        System.out.println("account removed [user=" + user + "]");
        return null;
    }
}
