// SPDX-License-Identifier: Apache-2.0
package io.qss.auth.internal;

import com.mongodb.client.MongoClient;
import io.qss.auth.AccessControl;
import io.qss.auth.Account;
import io.qss.auth.ApiKey;
import io.qss.auth.AuthAdmin;
import io.qss.auth.AuthException;
import io.qss.auth.Caller;
import io.qss.auth.CreatedApiKey;
import io.qss.auth.DocumentSeal;
import io.qss.auth.IgnoredDocument;
import io.qss.auth.internal.AuthSnapshot.StoredAccount;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Access decisions from an in-memory snapshot of the database, and changes written through to it. Plain Java.
 *
 * <p>Thread-safe: the snapshot is immutable and replaced whole; decisions never touch the database. Each change is
 * written, then the snapshot is reloaded, so it is in force when the call returns; {@link #reload} also picks up
 * changes made by other tools, as long as they are sealed (see {@link DocumentSeal}); unsealed documents, such as
 * those written by Mr. Plotter's {@code accounts.py}, grant nothing. The DS component extends it with its
 * lifecycle.
 */
public class AccessControlImpl implements AccessControl, AuthAdmin, DocumentSeal {

    private static final Caller ANONYMOUS = new Caller("anonymous", Set.of(PUBLIC_TAG), false);

    private final MongoAuthRepository repository;
    private final DocumentSeal seal;
    private final Map<String, List<String>> defaultTagConfig;
    private volatile AuthSnapshot snapshot;

    AccessControlImpl(MongoClient client, DocumentSeal seal, Map<String, List<String>> defaultTagConfig) {
        this.repository = new MongoAuthRepository(client, seal);
        this.seal = seal;
        this.defaultTagConfig = Map.copyOf(defaultTagConfig);
        this.snapshot = AuthSnapshot.initial(defaultTagConfig);
    }

    /**
     * An instance over the client's databases with a seal key of its own that is not kept anywhere, so only the
     * documents it writes are trusted; call {@link #reload} to read them (for tests and tools).
     */
    public static AccessControlImpl over(MongoClient client, Map<String, List<String>> defaultTagConfig) {
        byte[] key = new byte[HmacSeal.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return new AccessControlImpl(client, new HmacSeal(key), defaultTagConfig);
    }

    /** Reads the database into a new snapshot; the old one stays in force when this fails. */
    public void reload() throws AuthException {
        snapshot = repository.load(defaultTagConfig);
    }

    /**
     * Seals the documents that carry no seal yet (trust on first use of a new seal key), then reloads; returns how
     * many were sealed.
     */
    int sealUnsigned() throws AuthException {
        int sealed = repository.sealUnsigned();
        reload();
        return sealed;
    }

    @Override
    public String seal(String collection, String id, List<?> fields) {
        return seal.seal(collection, id, fields);
    }

    @Override
    public boolean isSealed(String collection, String id, List<?> fields, String value) {
        return seal.isSealed(collection, id, fields, value);
    }

    @Override
    public List<IgnoredDocument> ignoredDocuments() {
        return snapshot.ignored();
    }

    @Override
    public Caller anonymous() {
        return ANONYMOUS;
    }

    @Override
    public Optional<Caller> apiKey(String key) {
        if (key == null || !key.startsWith(Secrets.KEY_PREFIX)) {
            return Optional.empty();
        }
        ApiKey stored = snapshot.keysByHash().get(Secrets.hashKey(key));
        return Optional.ofNullable(stored).map(k -> new Caller("key:" + k.id(), withPublic(k.tags()), k.isWriter()));
    }

    @Override
    public Optional<Caller> login(String user, String password) {
        StoredAccount account = snapshot.accounts().get(user);
        if (account == null || password == null || !Secrets.checkPassword(password, account.bcryptHash())) {
            return Optional.empty();
        }
        return Optional.of(new Caller(user, withPublic(account.tags()), false));
    }

    @Override
    public boolean mayRead(Caller caller, String path) {
        Map<String, List<String>> tagConfig = snapshot.tagConfig();
        for (String tag : caller.tags()) {
            for (String prefix : tagConfig.getOrDefault(tag, List.of())) {
                if (PathRules.covers(prefix, path)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean mayWrite(Caller caller, String path) {
        return caller.isWriter() && mayRead(caller, path);
    }

    @Override
    public CreatedApiKey createApiKey(String name, Set<String> tags, boolean isWriter) throws AuthException {
        String id = Secrets.newKeyId();
        String secret = Secrets.newKey(id);
        ApiKey key = new ApiKey(id, name, tags, isWriter, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        repository.insertApiKey(key, Secrets.hashKey(secret));
        reload();
        return new CreatedApiKey(key, secret);
    }

    @Override
    public List<ApiKey> apiKeys() {
        return snapshot.keysByHash().values().stream()
                .sorted(Comparator.comparing(ApiKey::id))
                .toList();
    }

    @Override
    public boolean revokeApiKey(String id) throws AuthException {
        boolean removed = repository.deleteApiKey(id);
        reload();
        return removed;
    }

    @Override
    public void putAccount(String user, String password, Set<String> tags) throws AuthException {
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            throw new AuthException("account needs a user name and a password [user=" + user + "]");
        }
        repository.putAccount(new StoredAccount(user, Secrets.hashPassword(password), withPublic(tags)));
        reload();
    }

    @Override
    public void putAccountWithHash(String user, String bcryptHash, Set<String> tags) throws AuthException {
        if (user == null || user.isBlank() || !Secrets.isBcryptHash(bcryptHash)) {
            throw new AuthException("account needs a user name and a bcrypt hash ($2a$/$2b$/$2y$, 60 characters)"
                    + " [user=" + user + "]");
        }
        repository.putAccount(new StoredAccount(user, bcryptHash, withPublic(tags)));
        reload();
    }

    @Override
    public boolean setPassword(String user, String password) throws AuthException {
        if (password == null || password.isEmpty()) {
            throw new AuthException("a password must not be empty [user=" + user + "]");
        }
        boolean isFound = repository.setPassword(user, Secrets.hashPassword(password));
        reload();
        return isFound;
    }

    @Override
    public boolean addTags(String user, Set<String> tags) throws AuthException {
        boolean isFound = repository.addTags(user, tags);
        reload();
        return isFound;
    }

    @Override
    public boolean removeTags(String user, Set<String> tags) throws AuthException {
        Set<String> removable = new HashSet<>(tags);
        removable.remove(PUBLIC_TAG);
        boolean isFound = repository.removeTags(user, removable);
        reload();
        return isFound;
    }

    @Override
    public boolean removeAccount(String user) throws AuthException {
        boolean removed = repository.deleteAccount(user);
        reload();
        return removed;
    }

    @Override
    public List<Account> accounts() {
        return snapshot.accounts().values().stream()
                .map(a -> new Account(a.user(), a.tags()))
                .sorted(Comparator.comparing(Account::user))
                .toList();
    }

    @Override
    public Map<String, List<String>> tagConfig() {
        return new TreeMap<>(snapshot.tagConfig());
    }

    @Override
    public void setTagPrefixes(String tag, List<String> prefixes) throws AuthException {
        repository.putTag(tag, prefixes);
        reload();
    }

    private static Set<String> withPublic(Set<String> tags) {
        Set<String> all = new HashSet<>(tags);
        all.add(PUBLIC_TAG);
        return all;
    }
}
