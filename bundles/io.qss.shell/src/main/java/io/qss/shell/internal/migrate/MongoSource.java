// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import com.mongodb.ConnectionString;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;

/**
 * The old server's MongoDB, read over the wire with a {@code mongodb://} URI. Received files are read 16 at a time
 * (a batch of 1-minute files stays far below the 48 MB reply limit, which some servers do not split) without cursor
 * timeout, in natural order. Owns its client.
 */
final class MongoSource implements MigrationSource {

    private static final int BATCH = 16;

    private final MongoClient client;
    private final String address;

    private MongoSource(MongoClient client, String address) {
        this.client = client;
        this.address = address;
    }

    /**
     * A client for {@code uri}; the first read tells whether the server answers.
     *
     * @throws MigrationException when the URI is malformed
     */
    static MongoSource connect(String uri) throws MigrationException {
        try {
            ConnectionString cs = new ConnectionString(uri);
            return new MongoSource(MongoClients.create(cs), String.join(",", cs.getHosts()));
        } catch (IllegalArgumentException e) {
            throw new MigrationException(
                    "MongoDB URI malformed [uri=" + uri.replaceAll("//[^@/]*@", "//***@") + "]", e);
        }
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
