// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.core.DataDirectory;
import io.qss.core.health.HealthState;
import io.qss.store.file.FileVolumes;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component against a real MongoDB wire server: counters survive a restart and a MongoDB outage. */
class ReceiverComponentTest {

    @TempDir
    Path dir;

    private MongoServer mongo;
    private InetSocketAddress address;
    private MongoClient client;
    private ReceiverComponent component;
    private String previousData;

    @BeforeEach
    void start() {
        previousData = System.setProperty(DataDirectory.PROPERTY, dir.toString());
        mongo = new MongoServer(H2Backend.inMemory());
        address = mongo.bind();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(
                        new ConnectionString("mongodb://" + address.getHostString() + ":" + address.getPort()))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(300, TimeUnit.MILLISECONDS))
                .applyToServerSettings(b -> b.heartbeatFrequency(200, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(300, TimeUnit.MILLISECONDS))
                .build());
    }

    @AfterEach
    void stop() {
        if (component != null) {
            component.deactivate();
        }
        client.close();
        mongo.shutdownNow();
        if (previousData == null) {
            System.clearProperty(DataDirectory.PROPERTY);
        } else {
            System.setProperty(DataDirectory.PROPERTY, previousData);
        }
    }

    @Test
    void givenCountersInMongo_whenDeviceSendsAsSoonAsListening_thenCountsAddUp() throws Exception {
        latestTimes()
                .insertOne(new Document("_id", "P1")
                        .append("serial_number", "P1")
                        .append("files_received", 5L)
                        .append("bytes_received", 100L)
                        .append("files_rejected", 2L)
                        .append("last_error", "old"));

        component = new ReceiverComponent(client, config(Map.of("countersFlushMillis", 50L)));
        send("/root/upmu_data/a.dat", 1, new byte[10]);

        await(
                () -> number(latestTimes().find(new Document("_id", "P1")).first(), "files_received") == 6,
                "files_received 5 + 1");
        Document d = latestTimes().find(new Document("_id", "P1")).first();
        assertEquals(110L, number(d, "bytes_received"));
        assertEquals(2L, number(d, "files_rejected"));
        assertEquals("/root/upmu_data/a.dat", d.getString("last_path"));
    }

    @Test
    void givenMongoDown_whenFilesArrive_thenCountersKeptAndWrittenOnceMongoIsBack() throws Exception {
        component = new ReceiverComponent(client, config(Map.of("countersFlushMillis", 50L)));
        mongo.shutdownNow();

        for (int i = 1; i <= 3; i++) {
            send("/root/upmu_data/f" + i + ".dat", i, new byte[7]);
        }
        LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        mongo = new MongoServer(H2Backend.inMemory());
        mongo.bind(address.getHostString(), address.getPort());

        await(
                () -> {
                    Document d = latestTimes().find(new Document("_id", "P1")).first();
                    return d != null && number(d, "files_received") == 3;
                },
                "all three files counted after the outage");
        assertEquals(21L, number(latestTimes().find(new Document("_id", "P1")).first(), "bytes_received"));
    }

    private void send(String path, long sendId, byte[] data) throws Exception {
        assertArrayEquals(new byte[] {(byte) sendId, 0, 0, 0}, reply(path, sendId, data));
    }

    private byte[] reply(String path, long sendId, byte[] data) throws Exception {
        int port = (Integer) component.health().figures().get("port");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(ReceiverProtocolTest.message(sendId, path, "P1", data));
            byte[] reply = new byte[4];
            new DataInputStream(s.getInputStream()).readFully(reply);
            return reply;
        }
    }

    @Test
    void givenSpoolSharedThroughABackendNotThere_whenDeviceSends_thenRefusedUntilTheBackendComes() throws Exception {
        Map<String, Object> shared = Map.of("spool.shared", "file", "spool.shared.location", "unused");
        component = new ReceiverComponent(client, config(shared));

        assertArrayEquals(new byte[4], reply("/root/upmu_data/a.dat", 1, new byte[3]), "refused: four zero bytes");
        assertEquals(HealthState.DEGRADED, component.health().state());
        assertTrue(
                component.health().detail().contains("waiting for store backend 'file'"),
                component.health().detail());

        SwitchableVolume volume = new SwitchableVolume(FileVolumes.open(dir.resolve("shared")));
        component.addBackend(volume.backend("file"));
        await(() -> component.health().state() == HealthState.UP, "shared spool open");
        send("/root/upmu_data/a.dat", 2, new byte[3]);

        assertEquals(3, volume.length(SharedSpoolNames.objectName("P1", "root/upmu_data/a.dat")));
        assertEquals("file:unused", component.health().figures().get("sharedSpool"));
    }

    @Test
    void givenSharedSpoolRefusing_whenSharingSwitchedOff_thenFilesAcceptedAgain() throws Exception {
        component = new ReceiverComponent(client, config(Map.of("spool.shared", "rados")));
        assertArrayEquals(new byte[4], reply("/root/upmu_data/a.dat", 1, new byte[3]));

        component.modified(config(Map.of()));

        send("/root/upmu_data/a.dat", 2, new byte[3]);
        assertEquals(
                HealthState.UP, component.health().state(), component.health().detail());
        assertEquals(null, component.health().figures().get("sharedSpool"));
    }

    private MongoCollection<Document> latestTimes() {
        return client.getDatabase("upmu_database").getCollection("latest_times");
    }

    private static long number(Document d, String key) {
        return d == null ? -1 : ((Number) d.get(key)).longValue();
    }

    private static void await(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (RuntimeException e) {
                // MongoDB not reachable yet.
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new AssertionError("not reached in time: " + what);
    }

    /** The defaults, listening on a free loopback port, with {@code overrides}. */
    @Test
    void givenListening_whenPortChanged_thenNewPortServesOldIsClosedAndTheSpoolStays() throws Exception {
        component = new ReceiverComponent(client, config(Map.of()));
        int before = (Integer) component.health().figures().get("port");
        int wanted = freePort();

        component.modified(config(Map.of("port", wanted)));

        assertEquals(wanted, component.health().figures().get("port"));
        assertEquals(
                HealthState.UP, component.health().state(), component.health().detail());
        try (Socket s = new Socket("127.0.0.1", wanted)) {
            assertTrue(s.isConnected());
        }
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", before).close());
    }

    @Test
    void givenNewPortTaken_whenModified_thenStillListeningOnTheOldPortAndHealthSaysWhy() throws Exception {
        component = new ReceiverComponent(client, config(Map.of()));
        int before = (Integer) component.health().figures().get("port");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            component.modified(config(Map.of("port", taken.getLocalPort())));

            assertEquals(before, component.health().figures().get("port"));
            assertEquals(HealthState.DEGRADED, component.health().state());
            assertTrue(
                    component.health().detail().contains("port=" + taken.getLocalPort()),
                    component.health().detail());
            try (Socket s = new Socket("127.0.0.1", before)) {
                assertTrue(s.isConnected());
            }
        }
    }

    @Test
    void givenDiskGuardLowered_whenModified_thenDataRefusedWithoutRebinding() throws IOException {
        component = new ReceiverComponent(client, config(Map.of()));
        Object port = component.health().figures().get("port");

        component.modified(config(Map.of("diskGuardPercent", 0.0)));

        assertEquals(port, component.health().figures().get("port"));
        assertEquals(MessageHandler.NOT_ACCEPTING, component.health().detail());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static ReceiverComponent.Config config(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of("host", "127.0.0.1", "port", 0));
        values.putAll(overrides);
        return (ReceiverComponent.Config) Proxy.newProxyInstance(
                ReceiverComponent.Config.class.getClassLoader(),
                new Class<?>[] {ReceiverComponent.Config.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return ReceiverComponent.Config.class;
                    }
                    // as DS names the keys: '_' in a method name is '.' in the configuration
                    return values.getOrDefault(method.getName().replace('_', '.'), method.getDefaultValue());
                });
    }
}
