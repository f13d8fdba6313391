// SPDX-License-Identifier: Apache-2.0
package io.qss.mongo.internal;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The embedded server's backend, made durable: a write command's reply leaves the server only after the write is on
 * disk.
 *
 * <p>The H2 store alone keeps about a second of writes in memory and ignores journaled write concerns, so a kill -9
 * would lose acknowledged writes. Syncing here, between executing a command and replying to it, covers every client:
 * qss's own and any tool that connects to the port.
 */
final class DurableBackend implements MongoBackend {

    private static final Set<String> WRITE_COMMANDS = Set.of(
            "insert", "update", "delete", "findAndModify", "findandmodify", "create", "drop", "dropDatabase",
            "createIndexes", "dropIndexes", "renameCollection", "bulkWrite", "aggregate");

    private final MongoBackend delegate;
    private final Runnable makeDurable;

    DurableBackend(MongoBackend delegate, Runnable makeDurable) {
        this.delegate = delegate;
        this.makeDurable = makeDurable;
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document reply = delegate.handleMessage(message);
        syncAfter(firstKey(message.getDocument()));
        return reply;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Document reply = delegate.handleCommand(channel, database, command, query);
        syncAfter(command);
        return reply;
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        QueryResult result = delegate.handleQuery(query);
        if (query.getFullCollectionName().endsWith(".$cmd")) {
            syncAfter(firstKey(query.getQuery()));
        }
        return result;
    }

    @Override
    public void dropDatabase(String database) {
        delegate.dropDatabase(database);
        makeDurable.run();
    }

    private void syncAfter(String command) {
        // aggregate is counted as a write: only $out/$merge pipelines write, and a sync after a read costs little.
        if (command != null && WRITE_COMMANDS.contains(command)) {
            makeDurable.run();
        }
    }

    private static String firstKey(Document document) {
        return document == null || document.isEmpty() ? null : document.keySet().iterator().next();
    }

    @Override
    public void handleClose(Channel channel) {
        delegate.handleClose(channel);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return delegate.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return delegate.getServerStatus();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        delegate.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return delegate.getClock();
    }

    @Override
    public void enableOplog() {
        delegate.enableOplog();
    }

    @Override
    public void disableOplog() {
        delegate.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return delegate.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        delegate.version(version);
        return this;
    }
}
