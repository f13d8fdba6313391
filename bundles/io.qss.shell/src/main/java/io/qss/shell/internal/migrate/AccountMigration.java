// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import io.qss.auth.AuthException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Moves Mr. Plotter accounts ({@code mr_plotter.accounts}: {@code user}, {@code password} = the bcrypt hash as
 * binary, {@code tags}) into qss with their hashes, so every password keeps working. An account qss already has is
 * left as it is: a re-run never undoes a password changed since. Stateless.
 */
final class AccountMigration {

    /** Stores one account with its bcrypt hash ({@code AuthAdmin.putAccountWithHash}). */
    @FunctionalInterface
    interface AccountWriter {
        void put(String user, String bcryptHash, Set<String> tags) throws AuthException;
    }

    /**
     * What a run did.
     *
     * @param added accounts created
     * @param kept accounts qss already had
     * @param problems documents not migrated, with why
     */
    record Outcome(int added, int kept, List<String> problems) {}

    private AccountMigration() {}

    static Outcome run(List<BsonDocument> docs, Set<String> existingUsers, AccountWriter writer) {
        int added = 0;
        int kept = 0;
        List<String> problems = new ArrayList<>();
        for (BsonDocument doc : docs) {
            String user = doc.isString("user") ? doc.getString("user").getValue() : null;
            String hash = hash(doc.get("password"));
            if (user == null || user.isBlank() || hash == null) {
                problems.add("account document lacks user or password [_id=" + doc.get("_id") + ", user=" + user + "]");
            } else if (existingUsers.contains(user)) {
                kept++;
            } else {
                try {
                    writer.put(user, hash, tags(doc));
                    added++;
                } catch (AuthException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        return new Outcome(added, kept, problems);
    }

    /** Mr. Plotter keeps the hash as binary (user-defined subtype); older tools as a string. */
    private static String hash(BsonValue password) {
        if (password == null) {
            return null;
        }
        if (password.isBinary()) {
            return new String(password.asBinary().getData(), StandardCharsets.US_ASCII);
        }
        return password.isString() ? password.asString().getValue() : null;
    }

    private static Set<String> tags(BsonDocument doc) {
        Set<String> tags = new LinkedHashSet<>();
        if (doc.isArray("tags")) {
            doc.getArray("tags").stream()
                    .filter(BsonValue::isString)
                    .forEach(t -> tags.add(t.asString().getValue()));
        }
        return tags;
    }
}
