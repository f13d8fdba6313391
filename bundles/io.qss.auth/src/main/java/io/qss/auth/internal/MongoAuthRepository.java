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
import io.qss.auth.DocumentSeal;
import io.qss.auth.IgnoredDocument;
import io.qss.auth.internal.AuthSnapshot.StoredAccount;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts, tag configuration and API keys in MongoDB: {@code mr_plotter.accounts} (Mr. Plotter's layout:
 * {@code {user, password: bcrypt hash as binary of the user-defined subtype, tags}}), {@code mr_plotter.tagconfig}
 * ({@code {tag, prefixes}}) and {@code qss.apikeys} ({@code {_id, name, hash, tags, write, created}}). Every
 * document also carries {@link DocumentSeal#FIELD}, the seal over its identity and the fields that grant something;
 * documents whose seal is missing or wrong are read as ignored (and logged once), never as granting. Plain Java;
 * every method blocks on the database. Thread-safe (the driver is).
 */
final class MongoAuthRepository {

    private static final Logger LOG = LoggerFactory.getLogger(MongoAuthRepository.class);
    private static final int CHANGE_ATTEMPTS = 3;

    private final MongoCollection<Document> accounts;
    private final MongoCollection<Document> tagConfig;
    private final MongoCollection<Document> apiKeys;
    private final DocumentSeal seal;
    /** Ignored documents already logged, so each is logged once and not at every refresh. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    MongoAuthRepository(MongoClient client, DocumentSeal seal) {
        accounts = client.getDatabase("mr_plotter").getCollection("accounts");
        tagConfig = client.getDatabase("mr_plotter").getCollection("tagconfig");
        apiKeys = client.getDatabase("qss").getCollection("apikeys");
        this.seal = seal;
    }

    /**
     * Reads every trusted document; tags in the tagconfig collection override the same tags of {@code defaults}.
     * Untrusted documents are listed in the snapshot's {@code ignored}.
     */
    AuthSnapshot load(Map<String, List<String>> defaults) throws AuthException {
        try {
            List<IgnoredDocument> ignored = new ArrayList<>();
            Map<String, StoredAccount> users = new HashMap<>();
            readTrusted(accounts, SealedKinds.ACCOUNT, ignored, a -> users.put(a.user(), a));
            Map<String, ApiKey> keys = new HashMap<>();
            readTrusted(apiKeys, SealedKinds.API_KEY, ignored, k -> keys.put(k.hash(), k.key()));
            Map<String, List<String>> tags = new LinkedHashMap<>(defaults);
            readTrusted(tagConfig, SealedKinds.TAG, ignored, t -> tags.put(t.tag(), t.prefixes()));
            ignored.sort(Comparator.comparing(IgnoredDocument::collection).thenComparing(IgnoredDocument::id));
            return new AuthSnapshot(users, keys, tags, ignored);
        } catch (RuntimeException e) {
            throw new AuthException("reading access control data failed [databases=mr_plotter, qss]", e);
        }
    }

    /**
     * Seals every document that has no seal yet (trust on first use, when the seal key is new): documents with a
     * wrong seal or malformed ones are left as they are. Returns how many were sealed.
     */
    int sealUnsigned() throws AuthException {
        try {
            return sealUnsigned(accounts, SealedKinds.ACCOUNT)
                    + sealUnsigned(apiKeys, SealedKinds.API_KEY)
                    + sealUnsigned(tagConfig, SealedKinds.TAG);
        } catch (RuntimeException e) {
            throw new AuthException("sealing existing access control documents failed [databases=mr_plotter, qss]", e);
        }
    }

    void insertApiKey(ApiKey key, String hash) throws AuthException {
        Document doc = SealedKinds.API_KEY.sealed(new SealedKinds.KeyDocument(key, hash), seal);
        write("storing API key failed [id=" + key.id() + "]", () -> apiKeys.insertOne(doc));
    }

    boolean deleteApiKey(String id) throws AuthException {
        return delete("revoking API key failed [id=" + id + "]", apiKeys, Filters.eq("_id", id));
    }

    void putAccount(StoredAccount account) throws AuthException {
        put(
                "storing account failed [user=" + account.user() + "]",
                accounts,
                Filters.eq("user", account.user()),
                SealedKinds.ACCOUNT.sealed(account, seal));
    }

    /** Replaces the password hash (tags untouched); false when there is no such account. */
    boolean setPassword(String user, String bcryptHash) throws AuthException {
        return changeAccount(
                "storing password failed [user=" + user + "]",
                user,
                a -> new StoredAccount(a.user(), bcryptHash, a.tags()));
    }

    /** Adds the tags the account lacks; false when there is no such account. */
    boolean addTags(String user, Set<String> tags) throws AuthException {
        return changeAccount("adding tags failed [user=" + user + ", tags=" + tags + "]", user, a -> {
            Set<String> all = new TreeSet<>(a.tags());
            all.addAll(tags);
            return new StoredAccount(a.user(), a.bcryptHash(), all);
        });
    }

    /** Removes the tags; false when there is no such account. */
    boolean removeTags(String user, Set<String> tags) throws AuthException {
        return changeAccount("removing tags failed [user=" + user + ", tags=" + tags + "]", user, a -> {
            Set<String> kept = new TreeSet<>(a.tags());
            kept.removeAll(tags);
            return new StoredAccount(a.user(), a.bcryptHash(), kept);
        });
    }

    boolean deleteAccount(String user) throws AuthException {
        return delete("removing account failed [user=" + user + "]", accounts, Filters.eq("user", user));
    }

    void putTag(String tag, List<String> prefixes) throws AuthException {
        put(
                "storing tag configuration failed [tag=" + tag + "]",
                tagConfig,
                Filters.eq("tag", tag),
                SealedKinds.TAG.sealed(new SealedKinds.TagDocument(tag, List.copyOf(prefixes)), seal));
    }

    /**
     * Creates or replaces the document with this identity, then removes other documents claiming the same identity
     * (forged or stale copies) unless they are the same sealed content, so exactly the new one is in force.
     */
    private static void put(String what, MongoCollection<Document> collection, Bson identity, Document doc)
            throws AuthException {
        write(what, () -> {
            collection.replaceOne(identity, doc, new ReplaceOptions().upsert(true));
            collection.deleteMany(
                    Filters.and(identity, Filters.ne(DocumentSeal.FIELD, doc.getString(DocumentSeal.FIELD))));
        });
    }

    /**
     * Changes the trusted document of an account and seals it again. The replacement is conditional on the seal
     * read, so a concurrent change is not overwritten (it is read again); an untrusted document is never sealed.
     */
    private boolean changeAccount(String what, String user, UnaryOperator<StoredAccount> change) throws AuthException {
        try {
            for (int attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
                Optional<Document> current = trustedAccountDocument(what, user);
                if (current.isEmpty()) {
                    return false;
                }
                Document doc = current.get();
                Document replacement = SealedKinds.ACCOUNT.sealed(change.apply(SealedKinds.ACCOUNT.parse(doc)), seal);
                Bson unchanged = Filters.and(
                        Filters.eq("_id", doc.get("_id")),
                        Filters.eq(DocumentSeal.FIELD, doc.getString(DocumentSeal.FIELD)));
                if (accounts.replaceOne(unchanged, replacement).getMatchedCount() > 0) {
                    return true;
                }
            }
        } catch (MongoException e) {
            throw new AuthException(what, e);
        }
        throw new AuthException(what + ": the account kept changing meanwhile [attempts=" + CHANGE_ATTEMPTS + "]");
    }

    private Optional<Document> trustedAccountDocument(String what, String user) throws AuthException {
        List<IgnoredDocument> untrusted = new ArrayList<>();
        for (Document doc : accounts.find(Filters.eq("user", user))) {
            Optional<IgnoredDocument> problem = SealedKinds.ACCOUNT.problem(doc, seal);
            if (problem.isEmpty()) {
                return Optional.of(doc);
            }
            untrusted.add(problem.get());
        }
        if (!untrusted.isEmpty()) {
            throw new AuthException(what + ": the stored account is not trusted [id="
                    + untrusted.get(0).id() + ", reason=" + untrusted.get(0).reason() + "]");
        }
        return Optional.empty();
    }

    private <T> void readTrusted(
            MongoCollection<Document> collection,
            SealedKinds<T> kind,
            List<IgnoredDocument> ignored,
            Consumer<T> trusted) {
        for (Document doc : collection.find()) {
            Optional<IgnoredDocument> problem = kind.problem(doc, seal);
            if (problem.isPresent()) {
                ignored.add(problem.get());
                warnOnce(problem.get());
            } else {
                trusted.accept(kind.parse(doc));
            }
        }
    }

    private <T> int sealUnsigned(MongoCollection<Document> collection, SealedKinds<T> kind) {
        int sealed = 0;
        for (Document doc : collection.find(Filters.exists(DocumentSeal.FIELD, false))) {
            Optional<String> value = kind.sealOf(doc, seal);
            if (value.isPresent()
                    && collection
                                    .updateOne(
                                            Filters.and(
                                                    Filters.eq("_id", doc.get("_id")),
                                                    Filters.exists(DocumentSeal.FIELD, false)),
                                            Updates.set(DocumentSeal.FIELD, value.get()))
                                    .getModifiedCount()
                            > 0) {
                sealed++;
            }
        }
        return sealed;
    }

    private void warnOnce(IgnoredDocument doc) {
        if (warned.add(doc.collection() + "\0" + doc.id() + "\0" + doc.reason())) {
            LOG.warn(
                    "ignoring untrusted access control document: it grants nothing [collection={}, _id={}, {}, "
                            + "reason={}]",
                    doc.collection(),
                    doc.id(),
                    doc.subject(),
                    doc.reason());
        }
    }

    /** Mr. Plotter stores the bcrypt hash as a binary of the user-defined subtype. */
    static Binary passwordBinary(String bcryptHash) {
        return new Binary(BsonBinarySubType.USER_DEFINED, bcryptHash.getBytes(StandardCharsets.US_ASCII));
    }

    static String passwordHash(Document doc) {
        Object password = doc.get("password");
        return password instanceof Binary binary
                ? new String(binary.getData(), StandardCharsets.US_ASCII)
                : password == null ? "" : password.toString();
    }

    static ApiKey apiKey(Document doc) {
        Date created = doc.getDate("created");
        return new ApiKey(
                doc.getString("_id"),
                doc.getString("name"),
                tags(doc),
                Boolean.TRUE.equals(doc.getBoolean("write")),
                created == null ? Instant.EPOCH : created.toInstant());
    }

    static Set<String> tags(Document doc) {
        return new LinkedHashSet<>(doc.getList("tags", String.class, List.of()));
    }

    private static boolean delete(String what, MongoCollection<Document> collection, Bson filter) throws AuthException {
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
}
