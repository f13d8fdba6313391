// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static io.qss.itests.GrpcCalls.create;
import static io.qss.itests.GrpcCalls.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded MongoDB is no back door: an API key, a plotter account, a tag mapping and a plotter session written
 * straight into it through the driver (as any local process could) grant nothing over REST, gRPC or the plotter,
 * and the console shows them as ignored; genuine ones keep working across a restart and a backup and restore; the
 * data directory, its seal key and the backup are owner-only.
 */
class ForgeryIT {

    private static final long T0 = 1_474_321_946_000_000_000L;
    private static final String FORGED_KEY = "qss_f0f0f0f0_forgedforgedforgedforgedforgedforgedforg";
    private static final String FORGED_TOKEN = "forged-session-token";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private Distribution qss;

    @Test
    void givenDocumentsForgedInMongo_whenUsed_thenNothingGrantedAndGenuineOnesSurviveRestartAndRestore()
            throws Exception {
        try (Distribution distribution = Distribution.unpack(dir.resolve("dist"))) {
            qss = distribution;
            qss.appendConfig("etc/io.qss.auth.cfg", "refreshSeconds = 1\n");
            qss.start();
            String key = qss.createWriteKey("genuine").secret();
            qss.consoleOk("plotter:adduser bob bob-pw");
            UUID lab = UUID.randomUUID();
            assertEquals(200, addPoint(lab, key).statusCode());

            forgeDocuments();
            awaitConsole("qss:apikey list", "ignored: missing signature [collection=qss.apikeys, _id=f0f0f0f0");
            awaitConsole("plotter:lsusers", "ignored: bad signature [collection=mr_plotter.accounts");
            awaitConsole("plotter:tagconfig", "ignored: missing signature [collection=mr_plotter.tagconfig");

            assertNothingGranted(lab);
            assertOwnerOnly(qss.data);

            qss.stop();
            qss.start();
            assertEquals(200, addPoint(lab, key).statusCode(), "the genuine key works after a restart");
            assertEquals(200, login("bob", "bob-pw").statusCode(), "the genuine account works after a restart");
            assertNothingGranted(lab);

            Path backup = dir.resolve("backup");
            qss.consoleOk("qss:backup " + backup);
            assertOwnerOnly(backup);
            assertTrue(Files.isRegularFile(backup.resolve("keys/mongo-documents.hmac")), "the backup has the key");
            String restored = qss.consoleOk("qss:restore --yes " + backup);
            assertTrue(restored.contains("document seal key restored"), restored);
            assertEquals(200, addPoint(lab, key).statusCode(), "the genuine key works after a restore");
            assertEquals(200, login("bob", "bob-pw").statusCode(), "the genuine account works after a restore");
            assertNothingGranted(lab);
            assertOwnerOnly(qss.data);
            qss.stop();
        }
    }

    /** What an attacker with access to MongoDB only would write: documents granting {@code all} and write. */
    private void forgeDocuments() throws Exception {
        try (MongoClient attacker = MongoClients.create("mongodb://127.0.0.1:" + qss.mongoPort)) {
            attacker.getDatabase("qss")
                    .getCollection("apikeys")
                    .insertOne(new Document("_id", "f0f0f0f0")
                            .append("name", "forged")
                            .append("hash", sha256(FORGED_KEY))
                            .append("tags", List.of("all"))
                            .append("write", true)
                            .append("created", new Date()));
            MongoDatabase plotter = attacker.getDatabase("mr_plotter");
            // bob's genuine document, seal included, as mallory with every tag
            Document bob = plotter.getCollection("accounts")
                    .find(new Document("user", "bob"))
                    .first();
            bob.remove("_id");
            plotter.getCollection("accounts")
                    .insertOne(bob.append("user", "mallory").append("tags", List.of("all", "public")));
            plotter.getCollection("tagconfig")
                    .insertOne(new Document("tag", "public").append("prefixes", List.of("/")));
            plotter.getCollection("sessions")
                    .insertOne(new Document("_id", sha256(FORGED_TOKEN))
                            .append("user", "bob")
                            .append("lastUsed", new Date()));
        }
    }

    private void assertNothingGranted(UUID lab) throws Exception {
        assertEquals(401, addPoint(lab, FORGED_KEY).statusCode(), "REST write with the forged key");
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", qss.grpcPort)
                .usePlaintext()
                .build();
        try {
            StatusRuntimeException refused = assertThrows(
                    StatusRuntimeException.class,
                    () -> withKey(BTrDBGrpc.newBlockingStub(channel), FORGED_KEY)
                            .create(create(UUID.randomUUID(), "lab/forged")));
            assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        assertNotEquals(200, login("mallory", "bob-pw").statusCode(), "plotter login with the forged account");
        String range = "?starttime=" + T0 + "&endtime=" + (T0 + 1_000_000_000L) + "&unitoftime=ns";
        assertEquals(
                "query error: No such stream",
                send(rest("/data/uuid/" + lab + range, null).GET()).body(),
                "the forged public=/ mapping does not widen anonymous access");
        HttpResponse<String> session = send(HttpRequest.newBuilder(URI.create(qss.plotterUrl() + "/api/session"))
                .header("Cookie", "qss_session=" + FORGED_TOKEN)
                .GET());
        assertEquals(200, session.statusCode(), session.body());
        assertEquals(null, Document.parse(session.body()).get("user"), "the forged session cookie is refused");
    }

    /** Every folder 0700, every file 0600; the seal key exists. */
    private static void assertOwnerOnly(Path top) throws Exception {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> all = Files.walk(top)) {
            all.forEach(p -> {
                try {
                    String expected = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------";
                    String actual =
                            PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                    if (!Files.isSymbolicLink(p) && !actual.equals(expected)) {
                        wrong.add(top.relativize(p) + "=" + actual);
                    }
                } catch (IOException e) {
                    // vanished while walking (a spooled file synced)
                }
            });
        }
        assertEquals(List.of(), wrong, "not owner-only under " + top);
    }

    private void awaitConsole(String command, String expected) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        String output = qss.consoleOk(command);
        while (!output.contains(expected) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(500_000_000L);
            output = qss.consoleOk(command);
        }
        assertTrue(output.contains(expected), command + ": " + output);
    }

    private HttpResponse<String> addPoint(UUID stream, String key) throws Exception {
        return send(rest("/data/add/key", key)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"uuid\": \"" + stream + "\", \"Readings\": [[" + T0 + ", 7]]}")));
    }

    private HttpResponse<String> login(String user, String password) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(qss.plotterUrl() + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")));
    }

    private HttpRequest.Builder rest(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + qss.restPort + path));
        return key == null ? builder : builder.header("authorization", "Bearer " + key);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
