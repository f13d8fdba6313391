// SPDX-License-Identifier: Apache-2.0
package io.qss.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import io.qss.auth.AuthException;
import io.qss.auth.CreatedApiKey;
import io.qss.auth.DocumentSeal;
import io.qss.auth.IgnoredDocument;
import io.qss.core.DataDirectory;
import io.qss.core.health.HealthState;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The component over a real (in-memory) MongoDB and a data directory of its own; documents written straight into
 * MongoDB, as an attacker without the seal key would, grant nothing.
 */
class AuthComponentTest {

    private static final String FORGED_SECRET = "qss_deadbeef_forgedforgedforgedforgedforgedforgedfor";

    private final TestMongo mongo = new TestMongo();
    private AuthComponent component;

    @TempDir
    Path data;

    @AfterEach
    void stop() {
        if (component != null) {
            component.deactivate();
        }
        mongo.close();
    }

    @Test
    void givenConfiguredDefaults_whenActivated_thenServesDefaultsAtOnceAndComesUp() throws Exception {
        component = new AuthComponent(mongo.client, config("public=/upmu/soda_a; ops=/", 1), new DataDirectory(data));
        assertTrue(component.mayRead(component.anonymous(), "/upmu/soda_a/L1MAG"));
        assertEquals(List.of("/"), component.tagConfig().get("ops"));
        awaitState(component, HealthState.UP);
        CreatedApiKey key = component.createApiKey("ops", Set.of("ops"), true);
        assertTrue(component.mayWrite(component.apiKey(key.secret()).orElseThrow(), "/lab/x/A"));
        assertEquals(1, component.health().figures().get("apiKeys"));
    }

    private static void awaitState(AuthComponent component, HealthState state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (component.health().state() != state && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        assertEquals(state, component.health().state(), component.health().detail());
    }

    private static AuthComponent.Config config(String tags, int refreshSeconds) {
        return new AuthComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return AuthComponent.Config.class;
            }

            @Override
            public String defaultTagConfig() {
                return tags;
            }

            @Override
            public int refreshSeconds() {
                return refreshSeconds;
            }
        };
    }

    @Test
    void givenForgedApiKey_whenPresented_thenUnknownAndListedAsIgnored() throws Exception {
        startComponent();
        apiKeys()
                .insertOne(new Document("_id", "deadbeef")
                        .append("name", "forged")
                        .append("hash", Secrets.hashKey(FORGED_SECRET))
                        .append("tags", List.of("all"))
                        .append("write", true)
                        .append("created", new Date())
                        .append(DocumentSeal.FIELD, "AAAA"));
        component.reload();
        assertTrue(component.apiKey(FORGED_SECRET).isEmpty());
        assertTrue(component.apiKeys().isEmpty());
        assertEquals(
                List.of(new IgnoredDocument("qss.apikeys", "deadbeef", "key=deadbeef", "bad signature")),
                component.ignoredDocuments());
    }

    @Test
    void givenValidSealCopiedOntoAnotherKey_whenPresented_thenUnknown() throws Exception {
        startComponent();
        CreatedApiKey reader = component.createApiKey("reader", Set.of(), false);
        Document genuine = apiKeys().find().first();
        // same seal, but the document now claims write access, then a different identity
        apiKeys().insertOne(new Document(genuine).append("_id", "cafebabe"));
        apiKeys().updateOne(new Document("_id", reader.key().id()), new Document("$set", new Document("write", true)));
        component.reload();
        assertTrue(component.apiKey(reader.secret()).isEmpty(), "write flag changed: seal no longer fits");
        assertEquals(
                List.of("bad signature", "bad signature"),
                component.ignoredDocuments().stream()
                        .map(IgnoredDocument::reason)
                        .toList());
    }

    @Test
    void givenForgedAccount_whenLoggingIn_thenRefusedAndAdminCannotSealItByChangingIt() throws Exception {
        startComponent();
        String hash = Secrets.hashPassword("pw");
        accounts()
                .insertOne(new Document("user", "mallory")
                        .append("password", new Binary((byte) 0x80, hash.getBytes(StandardCharsets.US_ASCII)))
                        .append("tags", List.of("all", "public")));
        component.reload();
        assertTrue(component.login("mallory", "pw").isEmpty());
        assertTrue(component.accounts().isEmpty());
        assertEquals("missing signature", component.ignoredDocuments().get(0).reason());
        AuthException refused = assertThrows(AuthException.class, () -> component.addTags("mallory", Set.of("x")));
        assertTrue(refused.getMessage().contains("not trusted"), refused.getMessage());
        assertTrue(component.login("mallory", "pw").isEmpty());

        accounts().insertOne(new Document("user", "mallory").append("tags", List.of("all")));
        component.putAccount("mallory", "new", Set.of());
        assertEquals(1, accounts().countDocuments(), "the admin's account replaces every forged copy");
        assertEquals(
                Set.of("public"),
                component.login("mallory", "new").orElseThrow().tags());
        assertTrue(component.ignoredDocuments().isEmpty());
    }

    @Test
    void givenGenuineAccountTagsWidenedInDatabase_whenLoggingIn_thenRefused() throws Exception {
        startComponent();
        component.putAccount("alice", "pw", Set.of("ops"));
        accounts()
                .updateOne(
                        new Document("user", "alice"),
                        new Document("$set", new Document("tags", List.of("ops", "all", "public"))));
        component.reload();
        assertTrue(component.login("alice", "pw").isEmpty());
    }

    @Test
    void givenForgedTagMapping_whenReading_thenAccessNotWidened() throws Exception {
        startComponent();
        tagConfig().insertOne(new Document("tag", "public").append("prefixes", List.of("/")));
        component.reload();
        assertFalse(component.mayRead(component.anonymous(), "/lab/bench/L1MAG"));
        assertEquals(List.of("/upmu"), component.tagConfig().get("public"));
        assertEquals("tag=public", component.ignoredDocuments().get(0).subject());
    }

    @Test
    void givenUnsignedDocumentsBeforeFirstStart_whenStarted_thenSealedOnceAndLaterOnesIgnored() throws Exception {
        apiKeys()
                .insertOne(new Document("_id", "0badc0de")
                        .append("name", "old")
                        .append("hash", Secrets.hashKey(FORGED_SECRET))
                        .append("tags", List.of("all"))
                        .append("write", true)
                        .append("created", new Date()));
        startComponent();
        assertTrue(component.apiKey(FORGED_SECRET).isPresent(), "trusted on first use");
        Path key = new DataDirectory(data).documentSealKey();
        assertTrue(Files.exists(key));
        assertFalse(Files.exists(key.resolveSibling(key.getFileName() + ".new")), "adoption done, key final");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
        assertEquals(32, Files.size(key));

        String later = FORGED_SECRET.replace("forged", "latest");
        apiKeys()
                .insertOne(new Document("_id", "1badc0de")
                        .append("hash", Secrets.hashKey(later))
                        .append("tags", List.of("all"))
                        .append("write", true));
        restartComponent();
        assertTrue(component.apiKey(FORGED_SECRET).isPresent(), "the adopted key still works after a restart");
        assertTrue(component.apiKey(later).isEmpty(), "not adopted: the key file existed");
    }

    @Test
    void givenGenuineDocuments_whenRestarted_thenTheyKeepWorking() throws Exception {
        startComponent();
        CreatedApiKey key = component.createApiKey("loader", Set.of("lab"), true);
        component.putAccount("alice", "pw", Set.of("lab"));
        component.setTagPrefixes("lab", List.of("/lab"));
        component.removeTags("alice", Set.of("none"));
        component.setPassword("alice", "pw2");
        restartComponent();
        assertTrue(component.mayWrite(component.apiKey(key.secret()).orElseThrow(), "/lab/bench/L1MAG"));
        assertTrue(component.mayRead(component.login("alice", "pw2").orElseThrow(), "/lab/bench/L1MAG"));
        assertTrue(
                component.ignoredDocuments().isEmpty(),
                component.ignoredDocuments().toString());
    }

    private void startComponent() {
        component = new AuthComponent(mongo.client, config("public=/upmu; all=/", 3600), new DataDirectory(data));
        awaitState(component, HealthState.UP);
    }

    private void restartComponent() {
        component.deactivate();
        startComponent();
    }

    private MongoCollection<Document> apiKeys() {
        return mongo.apiKeys();
    }

    private MongoCollection<Document> accounts() {
        return mongo.accounts();
    }

    private MongoCollection<Document> tagConfig() {
        return mongo.tagConfig();
    }
}
