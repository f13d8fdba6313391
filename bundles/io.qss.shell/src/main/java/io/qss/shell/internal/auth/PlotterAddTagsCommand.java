// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.auth;

import io.qss.auth.AuthAdmin;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code plotter:addtags USER TAG...}: gives an existing account more tags and prints its tags afterwards. */
@Service
@Command(
        scope = "plotter",
        name = "addtags",
        description = "Adds tags to an existing plotter account (tags it has"
                + " already are kept; plotter:tagconfig sets what a tag may read)")
public class PlotterAddTagsCommand implements Action {

    @Argument(index = 0, name = "user", required = true, description = "the user name of an existing account")
    String user;

    @Argument(index = 1, name = "tags", required = true, multiValued = true, description = "the tags to add")
    List<String> tags;

    @Reference
    AuthAdmin admin;

    @Override
    public Object execute() throws Exception {
        AccountChanges.requireFound(admin.addTags(user, new LinkedHashSet<>(tags)), user);
        System.out.print(AccountChanges.accountLine(admin, user));
        return null;
    }
}
