// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.sync.DeviceSyncStatus;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class SyncCountersTest {

    @Test
    void givenStatuses_whenWrittenTwice_thenOneDocumentPerDeviceMergedWithReceiverFields() {
        MongoServer server = new MongoServer(H2Backend.inMemory());
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            client.getDatabase("upmu_database").getCollection("latest_times")
                    .insertOne(new Document("_id", "P1").append("files_received", 7));
            SyncCounters counters = new SyncCounters(client);
            DeviceSyncStatus s = new DeviceSyncStatus("P1", "a", 1, 2, 5, 1, null, "bad file", List.of());

            counters.write(List.of(s));
            counters.write(List.of(s));

            Document d = client.getDatabase("upmu_database").getCollection("latest_times")
                    .find(Filters.eq("_id", "P1")).first();
            assertEquals(7, d.getInteger("files_received"));
            assertEquals(2, d.getInteger("files_pending"));
            assertEquals(5, d.getInteger("files_synced"));
            assertEquals("bad file", d.getString("sync_error"));
            assertEquals(1, client.getDatabase("upmu_database").getCollection("latest_times").countDocuments());
        } finally {
            server.shutdownNow();
        }
    }
}
