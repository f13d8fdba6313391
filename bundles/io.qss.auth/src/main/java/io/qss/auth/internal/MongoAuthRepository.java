// SPDX-License-Identifier: Apache-2.0
package io.qss.auth.internal;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import io.qss.auth.ApiKey;
import io.qss.auth.AuthException;
import io.qss.auth.internal.AuthSnapshot.StoredAccount;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * Accounts, tag configuration and API keys in MongoDB: {@code mr_plotter.accounts} (Mr. Plotter's layout:
 * {@code {user, password: bcrypt hash as binary of the user-defined subtype, tags}}), {@code mr_plotter.tagconfig}
 * ({@code {tag, prefixes}}) and {@code qss.apikeys} ({@code {_id, name, hash, tags, write, created}}). Plain Java;
 * every method blocks on the database. Thread-safe (the driver is).
 */
final class MongoAuthRepository {

    private final MongoCollection<Document> accounts;
    private final MongoCollection<Document> tagConfig;
    private final MongoCollection<Document> apiKeys;

    MongoAuthRepository(MongoClient client) {
        accounts = client.getDatabase("mr_plotter").getCollection("accounts");
        tagConfig = client.getDatabase("mr_plotter").getCollection("tagconfig");
        apiKeys = client.getDatabase("qss").getCollection("apikeys");
    }

    /** Reads everything; tags in the tagconfig collection override the same tags of {@code defaults}. */
    AuthSnapshot load(Map<String, List<String>> defaults) throws AuthException {
        try {
            Map<String, StoredAccount> users = new HashMap<>();
            for (Document doc : accounts.find()) {
                StoredAccount account = toAccount(doc);
                users.put(account.user(), account);
            }
            Map<String, ApiKey> keys = new HashMap<>();
            for (Document doc : apiKeys.find()) {
                keys.put(doc.getString("hash"), toApiKey(doc));
            }
            Map<String, List<String>> tags = new LinkedHashMap<>(defaults);
            for (Document doc : tagConfig.find()) {
                tags.put(doc.getString("tag"), List.copyOf(doc.getList("prefixes", String.class, List.of())));
            }
            return new AuthSnapshot(users, keys, tags);
        } catch (RuntimeException e) {
            throw new AuthException("reading access control data failed [databases=mr_plotter, qss]", e);
        }
    }

    void insertApiKey(ApiKey key, String hash) throws AuthException {
        Document doc = new Document("_id", key.id()).append("name", key.name()).append("hash", hash)
                .append("tags", new ArrayList<>(key.tags())).append("write", key.isWriter())
                .append("created", Date.from(key.created()));
        write("storing API key failed [id=" + key.id() + "]", () -> apiKeys.insertOne(doc));
    }

    boolean deleteApiKey(String id) throws AuthException {
        return delete("revoking API key failed [id=" + id + "]", apiKeys, Filters.eq("_id", id));
    }

    void putAccount(StoredAccount account) throws AuthException {
        Document doc = new Document("user", account.user()).append("password", passwordBinary(account.bcryptHash()))
                .append("tags", new ArrayList<>(account.tags()));
        write("storing account failed [user=" + account.user() + "]", () -> accounts
                .replaceOne(Filters.eq("user", account.user()), doc, new ReplaceOptions().upsert(true)));
    }

    /** Replaces the password hash in place (tags untouched); false when there is no such account. */
    boolean setPassword(String user, String bcryptHash) throws AuthException {
        return update("storing password failed [user=" + user + "]", user,
                Updates.set("password", passwordBinary(bcryptHash)));
    }

    /** Adds the tags the account lacks, atomically in the database; false when there is no such account. */
    boolean addTags(String user, Set<String> tags) throws AuthException {
        return update("adding tags failed [user=" + user + ", tags=" + tags + "]", user,
                Updates.addEachToSet("tags", new ArrayList<>(tags)));
    }

    /** Removes the tags, atomically in the database; false when there is no such account. */
    boolean removeTags(String user, Set<String> tags) throws AuthException {
        return update("removing tags failed [user=" + user + ", tags=" + tags + "]", user,
                Updates.pullAll("tags", new ArrayList<>(tags)));
    }

    boolean deleteAccount(String user) throws AuthException {
        return delete("removing account failed [user=" + user + "]", accounts, Filters.eq("user", user));
    }

    void putTag(String tag, List<String> prefixes) throws AuthException {
        Document doc = new Document("tag", tag).append("prefixes", new ArrayList<>(prefixes));
        write("storing tag configuration failed [tag=" + tag + "]",
                () -> tagConfig.replaceOne(Filters.eq("tag", tag), doc, new ReplaceOptions().upsert(true)));
    }

    private boolean update(String what, String user, Bson change) throws AuthException {
        try {
            return accounts.updateMany(Filters.eq("user", user), change).getMatchedCount() > 0;
        } catch (MongoException e) {
            throw new AuthException(what, e);
        }
    }

    /** Mr. Plotter stores the bcrypt hash as a binary of the user-defined subtype. */
    private static Binary passwordBinary(String bcryptHash) {
        return new Binary(BsonBinarySubType.USER_DEFINED, bcryptHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean delete(String what, MongoCollection<Document> collection, Bson filter)
            throws AuthException {
        try {
            return collection.deleteMany(filter).getDeletedCount() > 0;
        } catch (MongoException e) {
            throw new AuthException(what, e);
        }
    }

    private static void write(String what, Runnable action) throws AuthException {
        try {
            action.run();
        } catch (MongoException e) {
            throw new AuthException(what, e);
        }
    }

    private static StoredAccount toAccount(Document doc) {
        Object password = doc.get("password");
        String hash = password instanceof Binary binary ? new String(binary.getData(), StandardCharsets.US_ASCII)
                : password == null ? "" : password.toString();
        return new StoredAccount(doc.getString("user"), hash, tags(doc));
    }

    private static ApiKey toApiKey(Document doc) {
        Date created = doc.getDate("created");
        return new ApiKey(doc.getString("_id"), doc.getString("name"), tags(doc),
                Boolean.TRUE.equals(doc.getBoolean("write")), created == null ? Instant.EPOCH : created.toInstant());
    }

    private static Set<String> tags(Document doc) {
        return new LinkedHashSet<>(doc.getList("tags", String.class, List.of()));
    }
}
