// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.auth;

import io.qss.auth.AuthAdmin;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code plotter:adduser USER PASSWORD [TAG...]}: creates or replaces a plotter account, as Mr. Plotter's tool did. */
@Service
@Command(
        scope = "plotter",
        name = "adduser",
        description = "Creates or replaces a plotter account (public is always" + " added to its tags)")
public class PlotterAddUserCommand implements Action {

    @Argument(index = 0, name = "user", required = true, description = "the user name")
    String user;

    @Argument(index = 1, name = "password", required = true, description = "the password (stored as a bcrypt hash)")
    String password;

    @Argument(index = 2, name = "tags", multiValued = true, description = "the account's tags")
    List<String> tags;

    @Reference
    AuthAdmin admin;

    @Override
    public Object execute() throws Exception {
        admin.putAccount(user, password, tags == null ? Set.of() : new LinkedHashSet<>(tags));
        System.out.println("account saved [user=" + user + "]");
        return null;
    }
}
