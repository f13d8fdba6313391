// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/**
 * The old server's MongoDB, read over the wire with a {@code mongodb://} URI. Received files are read 16 at a time
 * (a batch of 1-minute files stays far below the 48 MB reply limit, which some servers do not split) without cursor
 * timeout, in natural order. Owns its client.
 */
final class MongoSource implements MigrationSource {

    private static final int BATCH = 16;
    /** How long the first contact waits for a server unless the URI says otherwise (the driver's default is 30 s). */
    static final int REACH_SECONDS = 10;

    private final MongoClient client;
    private final String address;

    private MongoSource(MongoClient client, String address) {
        this.client = client;
        this.address = address;
    }

    /**
     * A client for {@code uri}, after a ping has shown that the server answers.
     *
     * @throws MigrationException when the URI is malformed, the server does not answer or refuses the credentials
     */
    static MongoSource connect(String uri) throws MigrationException {
        ConnectionString cs;
        try {
            cs = new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            throw new MigrationException("MongoDB URI malformed [uri=" + redacted(uri) + "]", e);
        }
        String address = String.join(",", cs.getHosts());
        MongoClient client = MongoClients.create(settings(cs));
        try {
            client.getDatabase("admin").runCommand(new BsonDocument("ping", new BsonInt32(1)));
            return new MongoSource(client, address);
        } catch (MongoTimeoutException e) {
            client.close();
            throw new MigrationException(
                    "MongoDB server not reachable [server=" + address + ", waited=" + waited(cs) + "]", e);
        } catch (MongoSecurityException e) {
            client.close();
            throw new MigrationException("MongoDB refused the credentials [server=" + address + "]", e);
        } catch (MongoException e) {
            client.close();
            throw new MigrationException("MongoDB server did not answer a ping [server=" + address + "]", e);
        }
    }

    private static MongoClientSettings settings(ConnectionString cs) {
        MongoClientSettings.Builder b = MongoClientSettings.builder().applyConnectionString(cs);
        if (cs.getServerSelectionTimeout() == null) {
            b.applyToClusterSettings(c -> c.serverSelectionTimeout(REACH_SECONDS, TimeUnit.SECONDS));
        }
        return b.build();
    }

    private static String waited(ConnectionString cs) {
        Integer ms = cs.getServerSelectionTimeout();
        return ms == null ? REACH_SECONDS + " s" : ms + " ms";
    }

    private static String redacted(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    @Override
    public String describe() {
        return "MongoDB at " + address;
    }

    @Override
    public long receivedFileCount() throws MigrationException {
        try {
            return files().estimatedDocumentCount();
        } catch (MongoException e) {
            throw new MigrationException("counting received_files failed [server=" + address + "]", e);
        }
    }

    @Override
    public void forEachReceivedFile(FileVisitor visitor) throws MigrationException {
        try (MongoCursor<BsonDocument> cursor = files().find()
                .batchSize(BATCH)
                .noCursorTimeout(true)
                .maxTime(0, TimeUnit.MILLISECONDS)
                .iterator()) {
            while (cursor.hasNext()) {
                MigrationSource.visitDocument(cursor.next(), visitor);
            }
        } catch (MongoException e) {
            throw new MigrationException("reading received_files failed [server=" + address + "]", e);
        }
    }

    @Override
    public List<BsonDocument> accounts() throws MigrationException {
        return all("accounts");
    }

    @Override
    public List<BsonDocument> permalinks() throws MigrationException {
        return all("permalinks");
    }

    @Override
    public void close() {
        client.close();
    }

    private MongoCollection<BsonDocument> files() {
        return client.getDatabase(DumpSource.FILES_DB).getCollection(DumpSource.FILES, BsonDocument.class);
    }

    private List<BsonDocument> all(String collection) throws MigrationException {
        try {
            return client.getDatabase(DumpSource.PLOTTER_DB)
                    .getCollection(collection, BsonDocument.class)
                    .find()
                    .into(new ArrayList<>());
        } catch (MongoException e) {
            throw new MigrationException("reading mr_plotter." + collection + " failed [server=" + address + "]", e);
        }
    }
}
