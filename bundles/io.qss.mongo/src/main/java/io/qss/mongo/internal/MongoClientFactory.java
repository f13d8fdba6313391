// SPDX-License-Identifier: Apache-2.0
package io.qss.mongo.internal;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.ClusterListener;
import java.util.concurrent.TimeUnit;

/** Builds driver clients the one way qss uses them, for the embedded server and for a configured URI alike. */
public final class MongoClientFactory {

    private MongoClientFactory() {}

    /** A client of the embedded server. */
    public static MongoClient forEmbedded(EmbeddedMongo server, ClusterListener clusterListener) {
        return forUri(server.connectionString(), clusterListener);
    }

    /** A client of the server (or replica set) named by a {@code mongodb://} or {@code mongodb+srv://} URI. */
    public static MongoClient forUri(String uri, ClusterListener clusterListener) {
        return MongoClients.create(settings(uri, clusterListener).build());
    }

    private static MongoClientSettings.Builder settings(String uri, ClusterListener clusterListener) {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(cluster -> cluster
                        .serverSelectionTimeout(10, TimeUnit.SECONDS)
                        .addClusterListener(clusterListener));
    }
}
