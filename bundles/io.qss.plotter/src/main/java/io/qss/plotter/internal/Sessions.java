// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.qss.auth.AuthAdmin;
import io.qss.auth.Caller;
import io.qss.auth.DocumentSeal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login sessions: a random token in the browser's cookie, its SHA-256 in {@code mr_plotter.sessions} (so sessions
 * survive restarts and updates of the plotter, and a copy of the database holds no usable token). A session lasts
 * {@code expirySeconds} after its last use. The caller a session stands for is rebuilt from the account every few
 * seconds, so removed users and changed tags take effect without logging out. Each session document is sealed
 * ({@link DocumentSeal} over its id and user), so a session written straight into the database by someone who
 * cannot read the seal key logs nobody in. Thread-safe.
 */
final class Sessions {

    static final String COLLECTION = "mr_plotter.sessions";
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private static final long CALLER_REFRESH_MILLIS = 5_000;
    /** Writing the last-use time on every request would put a database write on every query. */
    private static final long TOUCH_INTERVAL_MILLIS = 60_000;

    private final MongoCollection<Document> collection;
    private final AuthAdmin admin;
    private final DocumentSeal seal;
    private final long expiryMillis;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Untrusted session documents already logged, so each is logged once. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private record Cached(String user, Caller caller, long checkedAt, long touchedAt) {}

    Sessions(
            MongoCollection<Document> collection, AuthAdmin admin, DocumentSeal seal, long expirySeconds, Clock clock) {
        this.collection = collection;
        this.admin = admin;
        this.seal = seal;
        this.expiryMillis = expirySeconds * 1000;
        this.clock = clock;
        collection.createIndex(Indexes.ascending("lastUsed"), new IndexOptions().name("lastUsed"));
    }

    /** Starts a session for an authenticated caller and returns its token. */
    String open(Caller caller) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String id = hash(token);
        long now = clock.millis();
        collection.replaceOne(
                Filters.eq("_id", id),
                new Document("_id", id)
                        .append("user", caller.name())
                        .append("lastUsed", new Date(now))
                        .append(DocumentSeal.FIELD, seal.seal(COLLECTION, id, List.of(caller.name()))),
                new ReplaceOptions().upsert(true));
        cache.put(id, new Cached(caller.name(), caller, now, now));
        return token;
    }

    /** The caller of a live session, or empty when the token is unknown, expired or its account is gone. */
    Optional<Caller> caller(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String id = hash(token);
        long now = clock.millis();
        Cached cached = cache.get(id);
        if (cached == null) {
            cached = load(id, now);
            if (cached == null) {
                return Optional.empty();
            }
        }
        if (now - cached.touchedAt() > expiryMillis) {
            close(token);
            return Optional.empty();
        }
        if (now - cached.checkedAt() > CALLER_REFRESH_MILLIS) {
            Optional<Caller> current = currentCaller(cached.user());
            if (current.isEmpty()) {
                close(token);
                return Optional.empty();
            }
            cached = new Cached(cached.user(), current.get(), now, cached.touchedAt());
        }
        if (now - cached.touchedAt() > TOUCH_INTERVAL_MILLIS) {
            collection.updateOne(Filters.eq("_id", id), new Document("$set", new Document("lastUsed", new Date(now))));
            cached = new Cached(cached.user(), cached.caller(), cached.checkedAt(), now);
        }
        cache.put(id, cached);
        return Optional.of(cached.caller());
    }

    /** Ends a session; unknown tokens are ignored. */
    void close(String token) {
        if (token == null || token.isEmpty()) {
            return;
        }
        String id = hash(token);
        cache.remove(id);
        collection.deleteOne(Filters.eq("_id", id));
    }

    /** Removes sessions unused for longer than the expiry; returns how many. */
    long purge() {
        Date oldest = new Date(clock.millis() - expiryMillis);
        cache.values().removeIf(c -> c.touchedAt() < oldest.getTime());
        try {
            return collection.deleteMany(Filters.lt("lastUsed", oldest)).getDeletedCount();
        } catch (MongoException e) {
            return 0;
        }
    }

    private Cached load(String id, long now) {
        Document stored = collection.find(Filters.eq("_id", id)).first();
        if (stored == null) {
            return null;
        }
        Date lastUsed = stored.getDate("lastUsed");
        String user = stored.getString("user");
        if (!isTrusted(id, user, stored.get(DocumentSeal.FIELD))) {
            return null;
        }
        Optional<Caller> caller = currentCaller(user);
        if (caller.isEmpty()) {
            collection.deleteOne(Filters.eq("_id", id));
            return null;
        }
        return new Cached(user, caller.get(), now, lastUsed == null ? now : lastUsed.getTime());
    }

    /** The seal binds the user to this session id; a missing or wrong one is logged once and refused. */
    private boolean isTrusted(String id, String user, Object storedSeal) {
        if (user != null && storedSeal instanceof String value && seal.isSealed(COLLECTION, id, List.of(user), value)) {
            return true;
        }
        String reason = storedSeal == null ? "missing signature" : "bad signature";
        if (warned.add(id)) {
            LOG.warn(
                    "ignoring untrusted session document: it logs nobody in [collection={}, _id={}, user={}, "
                            + "reason={}]",
                    COLLECTION,
                    id,
                    user,
                    reason);
        }
        return false;
    }

    private Optional<Caller> currentCaller(String user) {
        return admin.accounts().stream()
                .filter(a -> a.user().equals(user))
                .findFirst()
                .map(a -> new Caller(a.user(), a.tags(), false));
    }

    private static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
