// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.auth;

import io.qss.auth.AuthAdmin;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code plotter:tagconfig}: shows the tag configuration in force; {@code plotter:tagconfig TAG} shows one tag;
 * {@code plotter:tagconfig TAG PREFIX...} sets a tag's path prefixes; {@code plotter:tagconfig --clear TAG} empties
 * it. Emptying takes the explicit option so that a forgotten prefix list never strips a tag by accident.
 */
@Service
@Command(scope = "plotter", name = "tagconfig", description = "Shows or sets which path prefixes a tag may read")
public class PlotterTagConfigCommand implements Action {

    @Argument(index = 0, name = "tag", description = "the tag to show or set")
    String tag;

    @Argument(index = 1, name = "prefixes", multiValued = true, description = "path prefixes, e.g. /upmu/soda_a")
    List<String> prefixes;

    @Option(name = "--clear", description = "remove every path prefix of the tag (the tag then reads nothing)")
    boolean isClear;

    @Reference
    AuthAdmin admin;

    @Override
    public Object execute() throws Exception {
        boolean hasPrefixes = prefixes != null && !prefixes.isEmpty();
        if (isClear && (tag == null || hasPrefixes)) {
            throw new IllegalArgumentException(
                    "--clear takes a tag and no prefixes [tag=" + tag + ", prefixes=" + prefixes + "]");
        }
        if (isClear || hasPrefixes) {
            admin.setTagPrefixes(tag, isClear ? List.of() : prefixes);
        }
        Map<String, List<String>> config = admin.tagConfig();
        if (tag == null) {
            System.out.print(ApiKeyTable.tagConfig(config));
        } else if (config.containsKey(tag)) {
            System.out.print(ApiKeyTable.tagConfig(Map.of(tag, config.get(tag))));
        } else {
            System.out.println(tag + " -> (no prefixes"
                    + (isClear ? ", cleared" : "; set some with plotter:tagconfig " + tag + " PREFIX...") + ")");
        }
        System.out.print(ApiKeyTable.ignored(admin.ignoredDocuments(), "mr_plotter.tagconfig"));
        return null;
    }
}
