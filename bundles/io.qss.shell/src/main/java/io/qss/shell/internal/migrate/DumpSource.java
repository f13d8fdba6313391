// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;

/**
 * A {@code mongodump} folder of the old server: {@code upmu_database/received_files.bson} (required) and
 * {@code mr_plotter/accounts.bson}, {@code mr_plotter/permalinks.bson} (optional), each optionally gzipped. The
 * folder may also be the {@code upmu_database} folder itself, next to which {@code mr_plotter} is looked for.
 * Reads files only; nothing to close.
 */
final class DumpSource implements MigrationSource {

    static final String FILES_DB = "upmu_database";
    static final String FILES = "received_files";
    static final String PLOTTER_DB = "mr_plotter";

    private final Path root;
    private final Path receivedFiles;

    private DumpSource(Path root, Path receivedFiles) {
        this.root = root;
        this.receivedFiles = receivedFiles;
    }

    /**
     * The dump in {@code dir}.
     *
     * @throws MigrationException when {@code dir} holds no {@code upmu_database/received_files.bson}
     */
    static DumpSource of(Path dir) throws MigrationException {
        Path root = dir.toAbsolutePath().normalize();
        if (root.getFileName() != null && root.getFileName().toString().equals(FILES_DB)) {
            root = root.getParent();
        }
        Path files = BsonDump.file(root.resolve(FILES_DB), FILES);
        if (files == null) {
            throw new MigrationException("no received_files in the mongodump folder (make it with mongodump --out"
                    + " DIR, see docs/migration.md) [folder=" + dir.toAbsolutePath() + ", expected="
                    + root.resolve(FILES_DB).resolve(FILES + ".bson") + "]");
        }
        return new DumpSource(root, files);
    }

    @Override
    public String describe() {
        return "mongodump folder " + root;
    }

    @Override
    public long receivedFileCount() throws MigrationException {
        return BsonDump.count(receivedFiles);
    }

    @Override
    public void forEachReceivedFile(FileVisitor visitor) throws MigrationException {
        BsonDump.forEach(receivedFiles, doc -> MigrationSource.visitDocument(doc, visitor));
    }

    @Override
    public List<BsonDocument> accounts() throws MigrationException {
        return plotterCollection("accounts");
    }

    @Override
    public List<BsonDocument> permalinks() throws MigrationException {
        return plotterCollection("permalinks");
    }

    @Override
    public void close() {}

    private List<BsonDocument> plotterCollection(String collection) throws MigrationException {
        Path file = BsonDump.file(root.resolve(PLOTTER_DB), collection);
        List<BsonDocument> out = new ArrayList<>();
        if (file != null && Files.isRegularFile(file)) {
            BsonDump.forEach(file, out::add);
        }
        return out;
    }
}
