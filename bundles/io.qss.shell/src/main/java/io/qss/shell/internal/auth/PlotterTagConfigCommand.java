// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.auth;

import io.qss.auth.AuthAdmin;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code plotter:tagconfig}: shows the tag configuration in force; {@code plotter:tagconfig TAG PREFIX...} sets a
 * tag's path prefixes ({@code plotter:tagconfig TAG} with no prefix leaves the tag with none).
 */
@Service
@Command(scope = "plotter", name = "tagconfig", description = "Shows or sets which path prefixes a tag may read")
public class PlotterTagConfigCommand implements Action {

    @Argument(index = 0, name = "tag", description = "the tag to set")
    String tag;

    @Argument(index = 1, name = "prefixes", multiValued = true, description = "path prefixes, e.g. /upmu/soda_a")
    List<String> prefixes;

    @Reference
    AuthAdmin admin;

    @Override
    public Object execute() throws Exception {
        if (tag != null) {
            admin.setTagPrefixes(tag, prefixes == null ? List.of() : prefixes);
        }
        System.out.print(ApiKeyTable.tagConfig(admin.tagConfig())
                + ApiKeyTable.ignored(admin.ignoredDocuments(), "mr_plotter.tagconfig"));
        return null;
    }
}
