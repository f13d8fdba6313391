// SPDX-License-Identifier: Apache-2.0
package io.qss.mongo.internal;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.ClusterListener;
import com.mongodb.event.CommandListener;
import java.util.concurrent.TimeUnit;

/** Builds driver clients the one way qss uses them, for the embedded server and for a configured URI alike. */
public final class MongoClientFactory {

    private static final CommandListener NO_COMMAND_LISTENER = new CommandListener() {};

    private MongoClientFactory() {}

    /** A client of the embedded server. */
    public static MongoClient forEmbedded(EmbeddedMongo server, ClusterListener clusterListener) {
        return forUri(server.connectionString(), clusterListener, NO_COMMAND_LISTENER);
    }

    /** A client of the embedded server whose commands are also reported to {@code commandListener}. */
    public static MongoClient forEmbedded(
            EmbeddedMongo server, ClusterListener clusterListener, CommandListener commandListener) {
        return forUri(server.connectionString(), clusterListener, commandListener);
    }

    /** A client of the server (or replica set) named by a {@code mongodb://} or {@code mongodb+srv://} URI. */
    public static MongoClient forUri(String uri, ClusterListener clusterListener, CommandListener commandListener) {
        return MongoClients.create(
                settings(uri, clusterListener, commandListener).build());
    }

    private static MongoClientSettings.Builder settings(
            String uri, ClusterListener clusterListener, CommandListener commandListener) {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .addCommandListener(commandListener)
                .applyToClusterSettings(cluster ->
                        cluster.serverSelectionTimeout(10, TimeUnit.SECONDS).addClusterListener(clusterListener));
    }
}
