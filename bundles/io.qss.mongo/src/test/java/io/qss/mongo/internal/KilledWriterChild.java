// SPDX-License-Identifier: Apache-2.0
package io.qss.mongo.internal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.ClusterListener;
import java.nio.file.Path;
import org.bson.Document;

/**
 * Child process of {@link KillDurabilityTest}: inserts documents with ids from {@code args[1]} upwards through the
 * durable embedded client and prints {@code acked <id>} after each insert returns, until it is killed.
 */
public final class KilledWriterChild {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long id = Long.parseLong(args[1]);
        EmbeddedMongo server = EmbeddedMongo.start(file, "127.0.0.1", 0);
        MongoClient client = MongoClientFactory.forEmbedded(server, new ClusterListener() {});
        MongoCollection<Document> counters = client.getDatabase("upmu_database").getCollection("latest_times");
        System.out.println("ready");
        System.out.flush();
        while (true) {
            counters.insertOne(new Document("_id", id).append("serial_number", "P" + id));
            System.out.println("acked " + id);
            System.out.flush();
            id++;
        }
    }
}
