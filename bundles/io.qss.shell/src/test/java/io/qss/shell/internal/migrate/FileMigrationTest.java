// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.dat.DatCodecs;
import io.qss.receiver.internal.SpoolImpl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMigrationTest {

    @TempDir
    Path dir;

    private QuickstartDump fixture;
    private SpoolImpl spool;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void write() throws Exception {
        fixture = QuickstartDump.write(dir, 4, 3);
        spool = new SpoolImpl(dir.resolve("raw"), () -> true);
    }

    @Test
    void givenDump_whenMigrated_thenEveryDistinctFileSpooledOnceWithItsBytes() throws Exception {
        FileMigration.Outcome outcome = migrate(DumpSource.of(fixture.dump));

        int distinct = 3 * fixture.filesPerDevice + 2;
        assertEquals(fixture.documents, outcome.total());
        assertEquals(distinct, outcome.spooled());
        assertEquals(1, outcome.duplicates());
        assertEquals(distinct, spooledFiles().size());
        for (QuickstartDump.Device d : QuickstartDump.DEVICES) {
            for (int i = 0; i < fixture.filesPerDevice; i++) {
                assertArrayEquals(fixture.file(d, i), Files.readAllBytes(spooled(d.serial(), i)), d.alias() + " " + i);
            }
        }
        assertTrue(printed.toString().contains("files [####################] 100%"), printed.toString());
    }

    @Test
    void givenDump_whenMigrated_thenTallyCountsPointsTimesAndTheCorruptFile() throws Exception {
        FileMigration.Outcome outcome = migrate(DumpSource.of(fixture.dump));

        DeviceTally ext = outcome.devices().get("P3000002");
        assertEquals(fixture.filesPerDevice, ext.files());
        assertEquals(fixture.filesPerDevice * fixture.recordsPerFile * 120L * 19, ext.points(true));
        assertEquals(QuickstartDump.START, ext.first().getEpochSecond());
        assertEquals(
                QuickstartDump.START + 60L * (fixture.filesPerDevice - 1) + fixture.recordsPerFile - 1,
                ext.last().getEpochSecond());
        DeviceTally corrupt = outcome.devices().get(QuickstartDump.CORRUPT_SERIAL);
        assertEquals(1, corrupt.failedFiles());
        assertTrue(
                corrupt.failures()
                        .get(0)
                        .startsWith(QuickstartDump.name(QuickstartDump.CORRUPT_SERIAL, fixture.filesPerDevice) + ": "),
                corrupt.failures().toString());
        assertEquals(1, outcome.devices().get(QuickstartDump.UNKNOWN_SERIAL).files());
    }

    @Test
    void givenMigrated_whenRunAgain_thenNothingStoredAgainAndSameTally() throws Exception {
        FileMigration.Outcome first = migrate(DumpSource.of(fixture.dump));
        long modified = Files.getLastModifiedTime(spooled("P3000001", 0)).toMillis();

        FileMigration.Outcome again = migrate(DumpSource.of(fixture.dump));

        assertEquals(0, again.spooled());
        assertEquals(first.spooled(), again.earlier());
        assertEquals(
                first.devices().get("P3000001").points(false),
                again.devices().get("P3000001").points(false));
        assertEquals(modified, Files.getLastModifiedTime(spooled("P3000001", 0)).toMillis());
    }

    @Test
    void givenSamePathWithOtherBytes_whenMigrated_thenFirstKeptAndConflictListed() throws Exception {
        QuickstartDump.Device d = QuickstartDump.DEVICES.get(0);
        Path other = dir.resolve("other");
        QuickstartDump.writeCollection(
                other,
                "upmu_database",
                "received_files",
                List.of(
                        QuickstartDump.receivedFile(d.serial(), "/a/x.dat", fixture.file(d, 0), 0),
                        QuickstartDump.receivedFile(d.serial(), "/a/x.dat", fixture.file(d, 1), 0)));

        FileMigration.Outcome outcome = migrate(DumpSource.of(other));

        assertEquals(1, outcome.conflicts().size());
        assertTrue(
                outcome.conflicts().get(0).contains("name=/a/x.dat"),
                outcome.conflicts().toString());
        assertArrayEquals(
                fixture.file(d, 0),
                Files.readAllBytes(spool.deviceDirectory(d.serial()).resolve("a/x.dat")));
    }

    @Test
    void givenOldMongoServer_whenMigratedByUri_thenSameFilesAsFromTheDump() throws Exception {
        MongoServer server = new MongoServer(H2Backend.inMemory());
        try (MongoClient client =
                MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<BsonDocument> files =
                    client.getDatabase("upmu_database").getCollection("received_files", BsonDocument.class);
            List<BsonDocument> docs = new ArrayList<>();
            BsonDump.forEach(fixture.dump.resolve("upmu_database/received_files.bson"), docs::add);
            files.insertMany(docs);

            FileMigration.Outcome outcome = migrate(MigrationSource.open(
                    "mongodb://127.0.0.1:" + server.getLocalAddress().getPort()));

            assertEquals(3 * fixture.filesPerDevice + 2, outcome.spooled());
            assertEquals(1, outcome.duplicates());
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void givenFolderWithoutReceivedFiles_whenOpened_thenErrorNamesTheExpectedFile() throws Exception {
        MigrationException e = Assertions.assertThrows(MigrationException.class, () -> DumpSource.of(dir));

        assertTrue(e.getMessage().contains("received_files.bson"), e.getMessage());
    }

    @Test
    void givenTruncatedDump_whenRead_thenErrorNamesFileAndOffset() throws Exception {
        Path file = fixture.dump.resolve("upmu_database/received_files.bson");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));

        MigrationException e =
                Assertions.assertThrows(MigrationException.class, () -> migrate(DumpSource.of(fixture.dump)));

        assertTrue(
                e.getMessage().contains("ends inside a document")
                        && e.getMessage().contains("offset="),
                e.getMessage());
    }

    private FileMigration.Outcome migrate(MigrationSource source) throws Exception {
        try (source;
                MigrationJournal journal = MigrationJournal.open(dir.resolve("state"))) {
            PrintStream out = new PrintStream(printed, true);
            return new FileMigration(
                            spool,
                            journal,
                            DatCodecs.decoder(),
                            (what, total) -> new ProgressBar(out, what, total, System::nanoTime))
                    .run(source);
        }
    }

    private Path spooled(String serial, int i) {
        return spool.deviceDirectory(serial)
                .resolve(QuickstartDump.name(serial, i).substring(1));
    }

    private List<Path> spooledFiles() throws Exception {
        try (Stream<Path> walk = Files.walk(spool.root())) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !spool.root().relativize(p).toString().startsWith("."))
                    .toList();
        }
    }
}
