// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.auth;

import io.qss.auth.AuthAdmin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code plotter:setpassword USER PASSWORD}: replaces an account's password, keeping its tags. */
@Service
@Command(
        scope = "plotter",
        name = "setpassword",
        description = "Replaces the password of an existing plotter account" + " (its tags stay as they are)")
public class PlotterSetPasswordCommand implements Action {

    @Argument(index = 0, name = "user", required = true, description = "the user name of an existing account")
    String user;

    @Argument(
            index = 1,
            name = "password",
            required = true,
            description = "the new password (stored as a bcrypt" + " hash)")
    String password;

    @Reference
    AuthAdmin admin;

    @Override
    public Object execute() throws Exception {
        AccountChanges.requireFound(admin.setPassword(user, password), user);
        System.out.println("password changed [user=" + user + "]");
        return null;
    }
}
