// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mindrot.jbcrypt.BCrypt;

class SettingsMigrationTest {

    @TempDir
    Path dir;

    @Test
    void givenMrPlotterAccounts_whenMigrated_thenHashesAndTagsKeptAndExistingUsersLeftAlone() throws Exception {
        QuickstartDump fixture = QuickstartDump.write(dir, 1, 1);
        Map<String, String> hashes = new HashMap<>();
        Map<String, Set<String>> tags = new HashMap<>();

        AccountMigration.Outcome outcome =
                AccountMigration.run(DumpSource.of(fixture.dump).accounts(), Set.of("anna"), (user, hash, t) -> {
                    hashes.put(user, hash);
                    tags.put(user, t);
                });

        assertEquals(1, outcome.added());
        assertEquals(1, outcome.kept());
        assertTrue(BCrypt.checkpw(QuickstartDump.PASSWORD, hashes.get("peter")));
        assertEquals(Set.of("public", "lbnl"), tags.get("peter"));
    }

    @Test
    void givenAccountWithoutPassword_whenMigrated_thenListedAsProblem() {
        AccountMigration.Outcome outcome =
                AccountMigration.run(List.of(BsonDocument.parse("{\"user\": \"x\"}")), Set.of(), (user, hash, t) -> {});

        assertEquals(0, outcome.added());
        assertTrue(
                outcome.problems().get(0).contains("user=x"), outcome.problems().toString());
    }

    @Test
    void givenMrPlotterPermalink_whenMigratedTwice_thenStoredOnceInQssLayoutUnderItsId() throws Exception {
        QuickstartDump fixture = QuickstartDump.write(dir, 1, 1);
        MongoServer server = new MongoServer(H2Backend.inMemory());
        try (MongoClient client =
                MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<BsonDocument> target =
                    client.getDatabase("mr_plotter").getCollection("permalinks", BsonDocument.class);
            List<BsonDocument> docs = DumpSource.of(fixture.dump).permalinks();

            PermalinkMigration.Outcome first = PermalinkMigration.run(docs, target);
            PermalinkMigration.Outcome again = PermalinkMigration.run(docs, target);

            assertEquals(1, first.added());
            assertEquals(1, again.kept());
            BsonDocument stored = target.find().first();
            assertEquals(fixture.permalink, stored.getObjectId("_id").getValue());
            BsonDocument view = stored.getDocument("permalinkData");
            assertEquals(
                    fixture.uuids.get("/lbnl/uPMU_1/L1MAG").toString(),
                    view.getArray("streams")
                            .get(0)
                            .asDocument()
                            .getString("stream")
                            .getValue());
            assertTrue(!view.containsKey("lastAccessed") && !view.containsKey("_id"), view.toJson());
            assertEquals(1, target.countDocuments());
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void givenObjectId_whenOldLinkIdMade_thenSixteenCharactersOfBase64Url() {
        ObjectId id = new ObjectId("5d79b55c574de30a01234567");

        assertEquals("XXm1XFdN4woBI0Vn", PermalinkMigration.oldLinkId(id));
    }

    @Test
    void givenTagConfigJson_whenParsed_thenTagsInOrder() throws Exception {
        QuickstartDump fixture = QuickstartDump.write(dir, 1, 1);

        Map<String, List<String>> tags = TagConfig.parse(Files.readString(fixture.tagconfig), "tagconfig.json");

        assertEquals(Map.of("public", List.of("/upmu"), "lbnl", List.of("/lbnl")), tags);
        assertEquals("public", tags.keySet().iterator().next());
    }

    @Test
    void givenTagWithRelativePrefix_whenParsed_thenErrorNamesTag() {
        MigrationException e =
                assertThrows(MigrationException.class, () -> TagConfig.parse("{\"lbnl\": [\"lbnl\"]}", "t.json"));

        assertTrue(e.getMessage().contains("tag=lbnl"), e.getMessage());
    }
}
