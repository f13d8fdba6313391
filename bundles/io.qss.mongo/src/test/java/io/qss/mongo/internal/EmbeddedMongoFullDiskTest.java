// SPDX-License-Identifier: Apache-2.0
package io.qss.mongo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.ClusterListener;
import io.qss.core.testing.SmallVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded server on a small tmpfs filled to the last byte: writes fail with the reason, the server stays on its
 * port, and once space is freed the next commands work again on the file reopened from disk, with every
 * acknowledged document still there (also after a restart). Needs root to mount the tmpfs; skipped otherwise.
 */
class EmbeddedMongoFullDiskTest {

    private static final String PAD = "x".repeat(64 * 1024);

    @RegisterExtension
    final SmallVolume volume = SmallVolume.ofSize("8m");

    @Test
    void givenFullVolume_whenSpaceFreed_thenWritesWorkAgainOnSamePortAndNoAcknowledgedDocumentIsLost()
            throws Exception {
        Path file = volume.root().resolve("mongo/qss.mv.db");
        Set<Integer> acknowledged = new HashSet<>();
        WriteOutcomes outcomes = new WriteOutcomes(Clock.systemUTC());
        int port;
        try (EmbeddedMongo server = EmbeddedMongo.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClientFactory.forEmbedded(server, new ClusterListener() {}, outcomes)) {
            port = server.address().getPort();
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
            int next = insertUntilFailure(docs, 0, 10, acknowledged);
            assertEquals(10, acknowledged.size(), "writes before the disk is full");

            Path filler = volume.fill("filler");
            next = insertUntilFailure(docs, next, 50, acknowledged);
            assertTrue(outcomes.failing().isPresent(), "a failed write is seen");
            assertTrue(
                    outcomes.failing().get().reason().contains("No space left on device"),
                    outcomes.failing().get().reason());

            Files.delete(filler);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!tryInsert(docs, next, acknowledged)) {
                assertTrue(System.nanoTime() < deadline, "writes work again within 10 s after space was freed");
                Thread.sleep(100);
            }
            next++;
            assertTrue(server.reopens() >= 1, "the file was reopened from disk");
            assertEquals(port, server.address().getPort());
            insertUntilFailure(docs, next, 5, acknowledged);
            assertEquals(acknowledged, ids(docs), "every acknowledged document, nothing else");
        }
        try (EmbeddedMongo server = EmbeddedMongo.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClientFactory.forEmbedded(server, new ClusterListener() {})) {
            assertEquals(acknowledged, ids(client.getDatabase("t").getCollection("docs")), "after a restart");
        }
    }

    /** Inserts up to {@code count} documents from id {@code first}, stopping at the first failure; the next id. */
    private static int insertUntilFailure(
            MongoCollection<Document> docs, int first, int count, Set<Integer> acknowledged) {
        int id = first;
        while (id < first + count && tryInsert(docs, id, acknowledged)) {
            id++;
        }
        return id + 1;
    }

    private static boolean tryInsert(MongoCollection<Document> docs, int id, Set<Integer> acknowledged) {
        try {
            docs.insertOne(new Document("_id", id).append("pad", PAD));
            acknowledged.add(id);
            return true;
        } catch (MongoException e) {
            return false;
        }
    }

    private static Set<Integer> ids(MongoCollection<Document> docs) {
        Set<Integer> ids = new HashSet<>();
        docs.find().projection(new Document("_id", 1)).batchSize(100).forEach(d -> ids.add(d.getInteger("_id")));
        return ids;
    }
}
