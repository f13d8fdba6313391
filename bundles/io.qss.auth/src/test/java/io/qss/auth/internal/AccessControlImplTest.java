// SPDX-License-Identifier: Apache-2.0
package io.qss.auth.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.qss.auth.AuthException;
import io.qss.auth.Caller;
import io.qss.auth.CreatedApiKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mindrot.jbcrypt.BCrypt;

class AccessControlImplTest {

    private final TestMongo mongo = new TestMongo();
    private final MongoClient client = mongo.client;
    private AccessControlImpl access;

    @BeforeEach
    void start() throws Exception {
        access = new AccessControlImpl(
                client, new HmacSeal(new byte[HmacSeal.KEY_BYTES]), PathRules.parseTagConfig("public=/upmu; all=/"));
        access.reload();
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void givenDefaults_whenAnonymousAsks_thenOnlyUpmuPathsReadableAndNothingWritable() {
        Caller anonymous = access.anonymous();
        assertTrue(access.mayRead(anonymous, "/upmu/soda_b/L1MAG"));
        assertFalse(access.mayRead(anonymous, "/upmux/soda_b/L1MAG"));
        assertFalse(access.mayRead(anonymous, "/lab/bench/L1MAG"));
        assertFalse(access.mayWrite(anonymous, "/upmu/soda_b/L1MAG"));
    }

    @Test
    void givenWriteKey_whenPresented_thenCallerHasItsTagsPublicAndWrite() throws Exception {
        access.setTagPrefixes("lab", List.of("/lab"));
        CreatedApiKey created = access.createApiKey("loader", Set.of("lab"), true);
        Caller caller = access.apiKey(created.secret()).orElseThrow();
        assertEquals(Set.of("lab", "public"), caller.tags());
        assertTrue(access.mayWrite(caller, "/lab/bench/L1MAG"));
        assertTrue(access.mayRead(caller, "/upmu/a/L1MAG"));
        assertFalse(access.mayWrite(caller, "/other/x"));
    }

    @Test
    void givenRevokedKey_whenPresented_thenUnknown() throws Exception {
        CreatedApiKey created = access.createApiKey("old", Set.of(), false);
        assertTrue(access.revokeApiKey(created.key().id()));
        assertTrue(access.apiKey(created.secret()).isEmpty());
        assertTrue(access.apiKeys().isEmpty());
    }

    @Test
    void givenStoredKeys_whenDatabaseRead_thenOnlyHashIsStored() throws Exception {
        CreatedApiKey created = access.createApiKey("reader", Set.of("all"), false);
        Document doc = client.getDatabase("qss").getCollection("apikeys").find().first();
        assertEquals(Secrets.hashKey(created.secret()), doc.getString("hash"));
        assertFalse(doc.toJson().contains(created.secret()));
    }

    @Test
    void givenAccount_whenLoggingIn_thenBcryptCheckedAndStoredAsUserDefinedBinary() throws Exception {
        access.putAccount("alice", "s3cret", Set.of("all"));
        assertTrue(access.login("alice", "wrong").isEmpty());
        Caller alice = access.login("alice", "s3cret").orElseThrow();
        assertEquals(Set.of("all", "public"), alice.tags());
        Document doc = client.getDatabase("mr_plotter")
                .getCollection("accounts")
                .find()
                .first();
        Binary hash = doc.get("password", Binary.class);
        // Written with the user-defined subtype (0x80); the embedded mongo-java-server keeps binaries as subtype 0.
        assertTrue(new String(hash.getData(), StandardCharsets.US_ASCII).startsWith("$2a$"));
    }

    @Test
    void givenAccountWrittenByAnotherTool_whenSealedOnFirstUse_thenItsBcrypt2bHashWorks() throws Exception {
        String hash = "$2b" + Secrets.hashPassword("pw").substring(3);
        client.getDatabase("mr_plotter")
                .getCollection("accounts")
                .insertOne(new Document("user", "bob")
                        .append("password", new Binary((byte) 0x80, hash.getBytes(StandardCharsets.US_ASCII)))
                        .append("tags", List.of("public")));
        access.reload();
        assertTrue(access.login("bob", "pw").isEmpty(), "unsealed: grants nothing");
        assertEquals("missing signature", access.ignoredDocuments().get(0).reason());
        assertEquals(1, access.sealUnsigned());
        assertTrue(access.login("bob", "pw").isPresent());
        assertTrue(access.ignoredDocuments().isEmpty());
    }

    @Test
    void givenBcrypt2yHashFromAnotherServer_whenPutWithHash_thenItsPasswordLogsInWithTagsAndPublic() throws Exception {
        String hash = BCrypt.hashpw("psladmin", BCrypt.gensalt(4)).replaceFirst("^\\$2a", "\\$2y");

        access.putAccountWithHash("peter", hash, Set.of("lbnl"));

        Caller peter = access.login("peter", "psladmin").orElseThrow();
        assertEquals(Set.of("lbnl", "public"), peter.tags());
        assertTrue(access.login("peter", "wrong").isEmpty());
    }

    @Test
    void givenPlainPassword_whenPutAsHash_thenRefusedAndNothingStored() {
        AuthException e =
                assertThrows(AuthException.class, () -> access.putAccountWithHash("peter", "psladmin", Set.of()));

        assertTrue(e.getMessage().contains("user=peter"), e.getMessage());
        assertTrue(access.accounts().isEmpty());
    }

    @Test
    void givenAccount_whenPasswordSet_thenOnlyTheNewOneLogsInAndTagsAreKept() throws Exception {
        access.putAccount("alice", "old", Set.of("all"));
        assertTrue(access.setPassword("alice", "new"));
        assertTrue(access.login("alice", "old").isEmpty());
        assertEquals(
                Set.of("all", "public"),
                access.login("alice", "new").orElseThrow().tags());
        Document doc = accounts().find(new Document("user", "alice")).first();
        assertEquals(
                List.of("all", "public"),
                doc.getList("tags", String.class).stream().sorted().toList());
        assertTrue(
                new String(doc.get("password", Binary.class).getData(), StandardCharsets.US_ASCII).startsWith("$2a$"));
    }

    @Test
    void givenNoSuchAccount_whenPasswordOrTagsChanged_thenFalseAndNothingCreated() throws Exception {
        assertFalse(access.setPassword("nobody", "pw"));
        assertFalse(access.addTags("nobody", Set.of("all")));
        assertFalse(access.removeTags("nobody", Set.of("all")));
        assertEquals(0, accounts().countDocuments());
        assertTrue(access.accounts().isEmpty());
    }

    @Test
    void givenEmptyPassword_whenSet_thenRefusedAndOldPasswordStillWorks() throws Exception {
        access.putAccount("alice", "pw", Set.of());
        assertThrows(AuthException.class, () -> access.setPassword("alice", ""));
        assertTrue(access.login("alice", "pw").isPresent());
    }

    @Test
    void givenAccount_whenTagsAdded_thenReadableAtOnceAndExistingTagsKept() throws Exception {
        access.setTagPrefixes("lab", List.of("/lab"));
        access.putAccount("alice", "pw", Set.of("ops"));
        assertFalse(access.mayRead(access.login("alice", "pw").orElseThrow(), "/lab/bench/L1MAG"));
        assertTrue(access.addTags("alice", Set.of("lab", "ops")));
        Caller alice = access.login("alice", "pw").orElseThrow();
        assertEquals(Set.of("lab", "ops", "public"), alice.tags());
        assertTrue(access.mayRead(alice, "/lab/bench/L1MAG"));
        List<String> stored = accounts().find().first().getList("tags", String.class);
        assertEquals(3, stored.size(), "no duplicate tags: " + stored);
    }

    @Test
    void givenAccount_whenTagsRemovedIncludingPublic_thenAccessEndsAtOnceAndPublicStays() throws Exception {
        access.putAccount("alice", "pw", Set.of("all", "ops"));
        assertTrue(access.mayRead(access.login("alice", "pw").orElseThrow(), "/lab/bench/L1MAG"));
        assertTrue(access.removeTags("alice", Set.of("all", "public", "never-had")));
        Caller alice = access.login("alice", "pw").orElseThrow();
        assertEquals(Set.of("ops", "public"), alice.tags());
        assertFalse(access.mayRead(alice, "/lab/bench/L1MAG"));
        assertEquals(Set.of("ops", "public"), access.accounts().get(0).tags());
        assertEquals(
                Set.of("ops", "public"), Set.copyOf(accounts().find().first().getList("tags", String.class)));
    }

    @Test
    void givenTagConfigInDatabase_whenReloaded_thenItOverridesTheDefaultForThatTag() throws Exception {
        access.setTagPrefixes("public", List.of("/upmu/soda_a/"));
        assertTrue(access.mayRead(access.anonymous(), "/upmu/soda_a/L1MAG"));
        assertFalse(access.mayRead(access.anonymous(), "/upmu/soda_b/L1MAG"));
        assertEquals(List.of("/"), access.tagConfig().get("all"));
    }

    @Test
    void givenTagEntries_whenParsed_thenPrefixesSplitOnCommas() {
        Map<String, List<String>> config = PathRules.parseTagConfig("x=/a, /b/; y=");
        assertArrayEquals(new Object[] {"/a", "/b/"}, config.get("x").toArray());
        assertEquals(List.of(), config.get("y"));
    }

    private MongoCollection<Document> accounts() {
        return mongo.accounts();
    }
}
