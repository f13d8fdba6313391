// SPDX-License-Identifier: Apache-2.0
package io.qss.auth.internal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import org.bson.Document;

/** An in-memory MongoDB server on a free local port and a driver client connected to it, over the real protocol. */
final class TestMongo implements AutoCloseable {

    final MongoClient client;
    private final MongoServer server;

    TestMongo() {
        server = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    MongoCollection<Document> apiKeys() {
        return client.getDatabase("qss").getCollection("apikeys");
    }

    MongoCollection<Document> accounts() {
        return client.getDatabase("mr_plotter").getCollection("accounts");
    }

    MongoCollection<Document> tagConfig() {
        return client.getDatabase("mr_plotter").getCollection("tagconfig");
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
