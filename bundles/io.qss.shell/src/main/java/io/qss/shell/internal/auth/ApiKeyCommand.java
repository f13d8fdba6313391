// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.auth;

import io.qss.auth.AuthAdmin;
import io.qss.auth.CreatedApiKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code qss:apikey create NAME [-t TAG]... [--write]}, {@code qss:apikey list}, {@code qss:apikey revoke ID}: the API
 * keys that REST (and later the binary API) callers present as {@code authorization: Bearer <key>}.
 */
@Service
@Command(scope = "qss", name = "apikey", description = "Creates, lists and revokes API keys")
public class ApiKeyCommand implements Action {

    @Argument(index = 0, name = "action", required = true, description = "create, list or revoke")
    String action;

    @Argument(index = 1, name = "name-or-id", description = "the new key's name (create) or the key id (revoke)")
    String nameOrId;

    @Option(
            name = "-t",
            aliases = "--tag",
            multiValued = true,
            description = "a tag of the key (repeatable); public is implied")
    List<String> tags;

    @Option(name = "-w", aliases = "--write", description = "the key may write (insert data)")
    boolean isWriter;

    @Reference
    AuthAdmin admin;

    @Override
    public Object execute() throws Exception {
        switch (action) {
            case "create" -> {
                require("create needs a name for the key");
                CreatedApiKey created =
                        admin.createApiKey(nameOrId, tags == null ? Set.of() : new LinkedHashSet<>(tags), isWriter);
                System.out.print(ApiKeyTable.created(created));
            }
            case "list" ->
                System.out.print(ApiKeyTable.list(admin.apiKeys())
                        + ApiKeyTable.ignored(admin.ignoredDocuments(), "qss.apikeys"));
            case "revoke" -> {
                require("revoke needs the key id");
                if (!admin.revokeApiKey(nameOrId)) {
                    throw new IllegalArgumentException("no such API key [id=" + nameOrId + "]");
                }
                System.out.println("revoked API key [id=" + nameOrId + "]");
            }
            default ->
                throw new IllegalArgumentException(
                        "unknown action [action=" + action + "]; use create, list or revoke");
        }
        return null;
    }

    private void require(String message) {
        if (nameOrId == null || nameOrId.isBlank()) {
            throw new IllegalArgumentException(message);
        }
    }
}
