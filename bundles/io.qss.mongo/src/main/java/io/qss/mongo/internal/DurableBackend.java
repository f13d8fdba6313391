// SPDX-License-Identifier: Apache-2.0
package io.qss.mongo.internal;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import io.qss.core.log.LogThrottle;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's backend, made durable and self-healing: a write command's reply leaves the server only after
 * the write is on disk, and a command that fails (a full disk) gets an error reply while the next command runs on
 * the file reopened from disk.
 *
 * <p>The H2 store alone keeps about a second of writes in memory and ignores journaled write concerns, so a kill -9
 * would lose acknowledged writes. Syncing here, between executing a command and replying to it, covers every client:
 * qss's own and any tool that connects to the port. The server stays on its port throughout, so clients never
 * notice a reopen except for the failed commands.
 */
final class DurableBackend implements MongoBackend {

    private static final Logger LOG = LoggerFactory.getLogger(DurableBackend.class);
    private static final Set<String> WRITE_COMMANDS = Set.of(
            "insert",
            "update",
            "delete",
            "findAndModify",
            "findandmodify",
            "create",
            "drop",
            "dropDatabase",
            "createIndexes",
            "dropIndexes",
            "renameCollection",
            "bulkWrite",
            "aggregate");
    /** MongoDB's InternalError: not retried by drivers, shown to the client with our message. */
    private static final int INTERNAL_ERROR = 1;

    private final H2File file;
    private final LogThrottle failures = LogThrottle.oncePer(Duration.ofMinutes(1));

    DurableBackend(H2File file) {
        this.file = file;
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        String command = firstKey(message.getDocument());
        return run(command, backend -> backend.handleMessage(message));
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return run(command, backend -> backend.handleCommand(channel, database, command, query));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        H2File.Handle handle = file.handle();
        QueryResult result = handle.backend().handleQuery(query);
        if (query.getFullCollectionName().endsWith(".$cmd") && isWrite(firstKey(query.getQuery()))) {
            handle.makeDurable();
        }
        return result;
    }

    private Document run(String command, Function<MongoBackend, Document> execution) {
        try {
            H2File.Handle handle = file.handle();
            Document reply = execution.apply(handle.backend());
            if (isWrite(command)) {
                handle.makeDurable();
            }
            return reply;
        } catch (MongoServerException e) {
            throw e;
        } catch (RuntimeException e) {
            return failed(command, e);
        }
    }

    /**
     * An error reply instead of the exception, which the server would log at ERROR on every command. The throttle is
     * never reset by a success: on a full disk, commands that write nothing succeed between the failures.
     */
    private Document failed(String command, RuntimeException e) {
        String reason = rootMessage(e);
        long occurrences = failures.occurred();
        if (occurrences > 0) {
            LOG.error(
                    "embedded MongoDB command failed [command={}, file={}, reason={}, occurrences={}]",
                    command,
                    file.file(),
                    reason,
                    occurrences,
                    e);
        }
        Document reply = new Document();
        reply.put("ok", 0);
        reply.put("errmsg", "embedded MongoDB command failed: " + reason + " [file=" + file.file() + "]");
        reply.put("code", INTERNAL_ERROR);
        reply.put("codeName", "InternalError");
        return reply;
    }

    /** The innermost message, e.g. "No space left on device", rather than H2's nested wrappers. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    @Override
    public void dropDatabase(String database) {
        H2File.Handle handle = file.handle();
        handle.backend().dropDatabase(database);
        handle.makeDurable();
    }

    /** aggregate is counted as a write: only $out/$merge pipelines write, and a sync after a read costs little. */
    private static boolean isWrite(String command) {
        return command != null && WRITE_COMMANDS.contains(command);
    }

    private static String firstKey(Document document) {
        return document == null || document.isEmpty()
                ? null
                : document.keySet().iterator().next();
    }

    @Override
    public void handleClose(Channel channel) {
        try {
            file.handle().backend().handleClose(channel);
        } catch (RuntimeException e) {
            LOG.debug("releasing the cursors of a closed connection failed [channel={}]", channel, e);
        }
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return file.handle().backend().getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return file.handle().backend().getServerStatus();
    }

    @Override
    public void close() {
        file.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        file.handle().backend().closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return file.handle().backend().getClock();
    }

    @Override
    public void enableOplog() {
        file.handle().backend().enableOplog();
    }

    @Override
    public void disableOplog() {
        file.handle().backend().disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return file.handle().backend().resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        file.handle().backend().version(version);
        return this;
    }
}
