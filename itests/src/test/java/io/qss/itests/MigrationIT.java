// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.dat.DatCodecs;
import io.qss.dat.DatColumns;
import io.qss.dat.DatStream;
import io.qss.shell.internal.migrate.QuickstartDump;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Quickstart Server moved into the running distribution with {@code bin/qss-get --migrate}: every stream has the
 * UUID and Path of the old upmuconfig.ini (also in the {@code /lbnl} domain), the points are the files' values, an
 * old account logs into the plotter with its old password and sees its domain, an old permalink opens by both its
 * ids; a second run stores nothing again, {@code --verify} agrees, also read from a {@code mongodb://} server.
 */
class MigrationIT {

    private static final long NS = 1_000_000_000L;
    private static final int FILES = 3;
    private static final int RECORDS = 20;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void givenQuickstartDump_whenMigrated_thenStreamsPointsAccountsAndPermalinksCarriedOver() throws Exception {
        QuickstartDump old = QuickstartDump.write(dir.resolve("old"), FILES, RECORDS);
        try (Distribution qss = Distribution.unpack(dir.resolve("qss"))) {
            qss.start();

            Distribution.CommandResult migrated = migrate(
                    qss,
                    old.dump.toString(),
                    "--upmuconfig",
                    old.upmuconfig.toString(),
                    "--tagconfig",
                    old.tagconfig.toString());

            assertEquals(0, migrated.exitCode(), migrated.output());
            String report = migrated.output();
            assertTrue(report.contains("files [####################] 100%"), report);
            assertTrue(report.contains("accounts: 2 added") && report.contains("permalinks: 1 added"), report);
            assertTrue(
                    report.matches("(?s).*uPMU_1 +P3000001 +" + FILES + " +" + FILES * RECORDS * 120L * 13 + " .*"),
                    report);
            assertTrue(report.contains("failed to decode: " + QuickstartDump.CORRUPT_SERIAL), report);
            assertTrue(report.contains("not in upmuconfig.ini: " + QuickstartDump.UNKNOWN_SERIAL), report);
            for (QuickstartDump.Device d : QuickstartDump.DEVICES) {
                assertEquals(expectedStreams(old, d), streams(qss, d));
                assertEquals(expectedPoints(old, d), storedPoints(qss, d), d.alias());
            }
            assertPlotterLoginAndPermalink(qss, old);

            Distribution.CommandResult again = migrate(
                    qss,
                    old.dump.toString(),
                    "--upmuconfig",
                    old.upmuconfig.toString(),
                    "--tagconfig",
                    old.tagconfig.toString());
            assertEquals(0, again.exitCode(), again.output());
            assertTrue(
                    again.output().contains("(0 stored now, " + (3 * FILES + 2) + " by an earlier run)"),
                    again.output());
            assertTrue(again.output().contains("accounts: 0 added, 2 already in qss"), again.output());
            Distribution.CommandResult verified = migrate(qss, old.dump.toString(), "--verify");
            assertEquals(0, verified.exitCode(), verified.output());
            assertTrue(verified.output().contains("qss holds every file and point of the source"), verified.output());
            assertVerifiedFromMongoUri(qss, old);
        }
    }

    private void assertPlotterLoginAndPermalink(Distribution qss, QuickstartDump old) throws Exception {
        String cookie = PlotterItData.login(http, qss, "peter", QuickstartDump.PASSWORD);
        assertTrue(PlotterItData.streams(http, qss, cookie).containsKey("/lbnl/uPMU_1/L1MAG"));
        assertTrue(!PlotterItData.streams(http, qss, null).containsKey("/lbnl/uPMU_1/L1MAG"), "lbnl is not public");
        assertTrue(PlotterItData.streams(http, qss, null).containsKey("/upmu/soda_b/L1MAG"));
        String l1mag = old.uuids.get("/lbnl/uPMU_1/L1MAG").toString();
        for (String id : List.of(
                old.permalink.toHexString(), Base64.getUrlEncoder().encodeToString(old.permalink.toByteArray()))) {
            HttpResponse<String> link = http.send(
                    HttpRequest.newBuilder(URI.create(qss.plotterUrl() + "/api/permalinks/" + id))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, link.statusCode(), id + ": " + link.body());
            assertTrue(link.body().contains(l1mag) && link.body().contains("\"window_type\""), link.body());
        }
    }

    private void assertVerifiedFromMongoUri(Distribution qss, QuickstartDump old) throws Exception {
        MongoServer server = new MongoServer(H2Backend.inMemory());
        try (MongoClient client =
                MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            List<RawBsonDocument> docs = new ArrayList<>();
            byte[] bytes = Files.readAllBytes(old.dump.resolve("upmu_database/received_files.bson"));
            for (int at = 0; at < bytes.length; ) {
                int length = ByteBuffer.wrap(bytes, at, 4)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getInt();
                docs.add(new RawBsonDocument(bytes, at, length));
                at += length;
            }
            client.getDatabase("upmu_database")
                    .getCollection("received_files", RawBsonDocument.class)
                    .insertMany(docs);

            Distribution.CommandResult verified = migrate(
                    qss, "mongodb://127.0.0.1:" + server.getLocalAddress().getPort(), "--verify");

            assertEquals(0, verified.exitCode(), verified.output());
            assertTrue(verified.output().contains("verifying against MongoDB at 127.0.0.1:"), verified.output());
            assertTrue(
                    verified.output().matches("(?s).*ext_2 +P3000002 +" + FILES + " +" + FILES + " .* ok\n.*"),
                    verified.output());
        } finally {
            server.shutdownNow();
        }
    }

    private static Distribution.CommandResult migrate(Distribution qss, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(qss.home.resolve("bin/qss-get").toString(), "--migrate"));
        command.addAll(List.of(args));
        return qss.run(command);
    }

    private static Map<String, String> expectedStreams(QuickstartDump old, QuickstartDump.Device d) {
        Map<String, String> out = new LinkedHashMap<>();
        old.uuids.forEach((path, uuid) -> {
            if (path.startsWith("/" + d.collection() + "/")) {
                out.put(path, uuid.toString());
            }
        });
        assertEquals(d.isExtended() ? 19 : 13, out.size());
        return out;
    }

    /** Path to UUID of every stream of the device, as {@code upmu:streams} lists them. */
    private static Map<String, String> streams(Distribution qss, QuickstartDump.Device d) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Distribution.lines(qss.consoleOk("upmu:streams " + d.alias()))) {
            String[] f = line.trim().split("\\s+");
            if (f[0].startsWith("/" + d.collection() + "/")) {
                out.put(f[0], f[1]);
            }
        }
        return out;
    }

    /** {@code time value} lines of the device's L1MAG (and, extended, FUND_W) as its files hold them. */
    private static String expectedPoints(QuickstartDump old, QuickstartDump.Device d) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < FILES; i++) {
            DatColumns c = DatCodecs.decoder().decodeColumns(old.file(d, i), "file" + i);
            double[] values = c.values(d.isExtended() ? DatStream.FUND_W : DatStream.L1MAG);
            for (int s = 0; s < c.size(); s++) {
                out.append(c.times()[s]).append(' ').append(values[s]).append('\n');
            }
        }
        return out.toString();
    }

    private static String storedPoints(Distribution qss, QuickstartDump.Device d) throws Exception {
        long start = QuickstartDump.START * NS;
        long end = (QuickstartDump.START + 60L * FILES) * NS;
        String out = qss.consoleOk(
                "upmu:values " + d.alias() + " " + (d.isExtended() ? "FUND_W" : "L1MAG") + " " + start + " " + end);
        StringBuilder points = new StringBuilder();
        for (String line : Distribution.lines(out)) {
            if (line.matches("\\d+ \\S+")) {
                points.append(line).append('\n');
            }
        }
        return points.toString();
    }
}
