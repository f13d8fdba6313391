// SPDX-License-Identifier: Apache-2.0
package io.qss.mongo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.ClusterListener;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {

    private static final ClusterListener IGNORE_CLUSTER = new ClusterListener() {};

    @TempDir
    Path dir;

    @Test
    void givenInsertedDocument_whenServerRestarted_thenDocumentIsFoundAgain() throws Exception {
        Path file = dir.resolve("mongo/qss.mv.db");
        try (EmbeddedMongo server = EmbeddedMongo.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClientFactory.forEmbedded(server, IGNORE_CLUSTER)) {
            devices(client).insertOne(new Document("_id", "P3001035").append("alias", "soda_b"));
            assertEquals(
                    "soda_b",
                    devices(client)
                            .find(new Document("_id", "P3001035"))
                            .first()
                            .getString("alias"));
        }
        try (EmbeddedMongo server = EmbeddedMongo.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClientFactory.forEmbedded(server, IGNORE_CLUSTER)) {
            assertEquals(1, devices(client).countDocuments());
            assertEquals("soda_b", devices(client).find().first().getString("alias"));
        }
    }

    private static MongoCollection<Document> devices(MongoClient client) {
        return client.getDatabase("upmu_database").getCollection("devices");
    }
}
