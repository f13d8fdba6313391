// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.auth;

import io.qss.auth.Account;
import io.qss.auth.ApiKey;
import io.qss.auth.CreatedApiKey;
import io.qss.auth.IgnoredDocument;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Console text of {@code qss:apikey} and the {@code plotter:} account commands. Stateless. */
final class ApiKeyTable {

    private static final String ROW = "%-8s  %-20s  %-24s  %-5s  %s%n";

    private ApiKeyTable() {}

    /** The new key's fields and, on a line {@code key <secret>}, the key itself. */
    static String created(CreatedApiKey created) {
        ApiKey key = created.key();
        return "id     " + key.id() + "\n"
                + "name   " + key.name() + "\n"
                + "tags   " + tags(key) + "\n"
                + "write  " + key.isWriter() + "\n"
                + "key    " + created.secret() + "\n"
                + "Keep the key now: only its hash is stored, it cannot be shown again.\n";
    }

    static String list(List<ApiKey> keys) {
        StringBuilder out = new StringBuilder(String.format(ROW, "ID", "NAME", "TAGS", "WRITE", "CREATED"));
        for (ApiKey key : keys) {
            out.append(String.format(ROW, key.id(), key.name(), tags(key), key.isWriter(), key.created()));
        }
        return out.toString();
    }

    /** One line per account: {@code user: tag, tag}, tags sorted. */
    static String accounts(List<Account> accounts) {
        StringBuilder out = new StringBuilder();
        for (Account account : accounts) {
            out.append(account.user())
                    .append(": ")
                    .append(String.join(", ", new TreeSet<>(account.tags())))
                    .append('\n');
        }
        return out.toString();
    }

    /** One line per tag: {@code tag -> prefix, prefix}. */
    static String tagConfig(Map<String, List<String>> config) {
        StringBuilder out = new StringBuilder();
        config.forEach((tag, prefixes) -> out.append(tag)
                .append(" -> ")
                .append(String.join(", ", prefixes))
                .append('\n'));
        return out.toString();
    }

    /**
     * One line per document of {@code collection} that grants nothing because it is not trusted (missing or wrong
     * seal: written to MongoDB by something other than qss), so an administrator sees the tampering:
     * {@code ignored: bad signature [collection=..., _id=..., key=...]}.
     */
    static String ignored(List<IgnoredDocument> ignored, String collection) {
        StringBuilder out = new StringBuilder();
        for (IgnoredDocument doc : ignored) {
            if (doc.collection().equals(collection)) {
                out.append("ignored: ")
                        .append(doc.reason())
                        .append(" [collection=")
                        .append(doc.collection())
                        .append(", _id=")
                        .append(doc.id())
                        .append(doc.subject().isEmpty() ? "" : ", " + doc.subject())
                        .append("]\n");
            }
        }
        return out.toString();
    }

    private static String tags(ApiKey key) {
        TreeSet<String> sorted = new TreeSet<>(key.tags());
        sorted.add("public");
        return String.join(",", sorted);
    }
}
