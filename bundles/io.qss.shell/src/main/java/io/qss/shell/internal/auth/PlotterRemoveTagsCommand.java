// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.auth;

import io.qss.auth.AccessControl;
import io.qss.auth.AuthAdmin;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code plotter:rmtags USER TAG...}: takes tags from an existing account ({@code public} always stays). */
@Service
@Command(
        scope = "plotter",
        name = "rmtags",
        description = "Removes tags from an existing plotter account (public"
                + " cannot be removed; tags the account does not have are ignored)")
public class PlotterRemoveTagsCommand implements Action {

    @Argument(index = 0, name = "user", required = true, description = "the user name of an existing account")
    String user;

    @Argument(index = 1, name = "tags", required = true, multiValued = true, description = "the tags to remove")
    List<String> tags;

    @Reference
    AuthAdmin admin;

    @Override
    public Object execute() throws Exception {
        AccountChanges.requireFound(admin.removeTags(user, new LinkedHashSet<>(tags)), user);
        if (tags.contains(AccessControl.PUBLIC_TAG)) {
            System.out.println("kept tag public (every account has it)");
        }
        System.out.print(AccountChanges.accountLine(admin, user));
        return null;
    }
}
