// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import java.nio.file.Path;
import java.util.List;
import org.bson.BsonDocument;

/**
 * The old Quickstart Server's MongoDB content: {@code upmu_database.received_files}, {@code mr_plotter.accounts} and
 * {@code mr_plotter.permalinks}, from a {@code mongodump} folder ({@link DumpSource}) or a live server
 * ({@link MongoSource}). Used by one thread; close releases files or connections.
 */
interface MigrationSource extends AutoCloseable {

    /** Told each received file; a document that is no readable file comes as {@code file == null, problem}. */
    @FunctionalInterface
    interface FileVisitor {
        void visit(ReceivedFile file, String problem) throws MigrationException;
    }

    /** What the source is, for messages, e.g. {@code mongodump folder /mnt/dump}. */
    String describe();

    /** The number of received_files documents (for progress and ETA). */
    long receivedFileCount() throws MigrationException;

    /** Hands every received_files document to {@code visitor}, in stored order. */
    void forEachReceivedFile(FileVisitor visitor) throws MigrationException;

    /** Every {@code mr_plotter.accounts} document; empty when the source has none. */
    List<BsonDocument> accounts() throws MigrationException;

    /** Every {@code mr_plotter.permalinks} document; empty when the source has none. */
    List<BsonDocument> permalinks() throws MigrationException;

    @Override
    void close();

    /** A source for {@code location}: a {@code mongodb://} URI, else a mongodump folder. */
    static MigrationSource open(String location) throws MigrationException {
        return location.startsWith("mongodb://") || location.startsWith("mongodb+srv://")
                ? MongoSource.connect(location)
                : DumpSource.of(Path.of(location));
    }

    /** The file of a received_files document, or the reason it is none. */
    static void visitDocument(BsonDocument doc, FileVisitor visitor) throws MigrationException {
        ReceivedFile file;
        try {
            file = ReceivedFile.of(doc);
        } catch (MigrationException e) {
            visitor.visit(null, e.getMessage());
            return;
        }
        visitor.visit(file, null);
    }
}
