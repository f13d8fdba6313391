// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.device.DeviceType;
import io.qss.device.StreamSpec;
import io.qss.registry.RegisteredDevice;
import io.qss.registry.RegistryException;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devices' marker on one MongoDB shared by two nodes: a follower reads the devices only when the marker changed,
 * when there is none, or when a full reading is due. Finds are counted per collection with a command listener of the
 * real driver; the follower's clock is a counter the tests advance.
 */
class FollowMarkerTest {

    private static final Duration FULL = Duration.ofSeconds(60);

    /** One node: its registry, its catalog and how often the catalog told its listeners. */
    private record Node(DeviceRegistryImpl registry, DeviceCatalogImpl catalog, AtomicInteger told) {

        FollowedChanges follow() throws RegistryException {
            return registry.follow();
        }
    }

    /** Counts the {@code find} commands sent, by collection. */
    private static final class Finds implements CommandListener {

        private final Map<String, AtomicInteger> byCollection = new ConcurrentHashMap<>();

        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (event.getCommandName().equals("find")) {
                String collection = event.getCommand().getString("find").getValue();
                byCollection
                        .computeIfAbsent(collection, c -> new AtomicInteger())
                        .incrementAndGet();
            }
        }

        int of(String collection) {
            AtomicInteger n = byCollection.get(collection);
            return n == null ? 0 : n.get();
        }

        void clear() {
            byCollection.clear();
        }
    }

    @TempDir
    Path dir;

    private final Finds finds = new Finds();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final DeviceTypes types = new DeviceTypes();
    private MongoServer server;
    private MongoClient client;
    private TimeSeriesStoreImpl store;

    @BeforeEach
    void start() throws Exception {
        server = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = server.bind();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(
                        "mongodb://127.0.0.1:" + address.getPort() + "/?serverSelectionTimeoutMS=1000"))
                .addCommandListener(finds)
                .build());
        store = TimeSeriesStoreImpl.open(FileVolumes.open(dir.resolve("store")), StoreOptions.defaults());
        types.add(new DeviceCatalogImplTest.MeterType(), Map.of(DeviceType.TYPE_PROPERTY, "meter"));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.shutdownNow();
        store.close();
    }

    private Node node() throws RegistryException {
        return node(new ChangeMarker(client)::read, FULL);
    }

    private Node node(FollowGate.MarkerSource marker, Duration full) throws RegistryException {
        DeviceRegistryImpl registry =
                new DeviceRegistryImpl(new MongoDeviceStore(client), store, new FollowGate(marker, full, nanos::get));
        registry.load();
        DeviceCatalogImpl catalog = new DeviceCatalogImpl(registry, new MongoCatalogStore(client), store, types);
        catalog.load();
        AtomicInteger told = new AtomicInteger();
        catalog.addListener(told::incrementAndGet);
        return new Node(registry, catalog, told);
    }

    private void later(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private long markerCount() throws RegistryException {
        return new ChangeMarker(client).read().orElseThrow().count();
    }

    private MongoCollection<Document> devicesCollection() {
        return client.getDatabase(MongoDeviceStore.DATABASE).getCollection(MongoDeviceStore.COLLECTION);
    }

    @Test
    void givenMarkerUnchanged_whenFollowed_thenOnlyTheMarkerIsRead() throws Exception {
        Node here = node();
        Node there = node();
        there.registry().add("10.0.0.1", "P1", "soda", false);
        there.catalog().add("meter", "m1", Map.of("host", "h"));
        there.registry().save();
        assertEquals(Set.of("P1", "meter:h:4712"), here.follow().added());
        finds.clear();

        for (int i = 0; i < 5; i++) {
            later(Duration.ofSeconds(5));
            assertSame(FollowedChanges.NONE, here.follow());
        }

        assertEquals(0, finds.of(MongoDeviceStore.COLLECTION), "the devices were queried");
        assertEquals(5, finds.of(ChangeMarker.COLLECTION));
    }

    @Test
    void givenSavesRemovalAndIniImportOnNodeA_whenNodeBFollows_thenEachSeenThroughTheMarker() throws Exception {
        Node a = node();
        Node b = node();
        assertSame(FollowedChanges.NONE, b.follow(), "the first reading reads the devices");

        a.registry().add("10.0.0.1", "P1", "soda", false);
        a.registry().save();
        FollowedChanges saved = b.follow();
        a.catalog().add("meter", "m1", Map.of("host", "h"));
        a.catalog().save();
        FollowedChanges catalogSaved = b.follow();
        a.registry().importIni(UpmuConfigIniTest.golden());
        a.registry().save();
        FollowedChanges imported = b.follow();
        a.catalog().remove("m1", false);
        a.catalog().save();
        FollowedChanges removed = b.follow();
        finds.clear();
        FollowedChanges after = b.follow();

        assertEquals(Set.of("P1"), saved.added());
        assertEquals(Set.of("meter:h:4712"), catalogSaved.added());
        Set<String> golden =
                a.registry().devices().stream().map(RegisteredDevice::serial).collect(Collectors.toSet());
        assertEquals(golden, imported.added());
        assertEquals(Set.of("P1"), imported.removed(), "import-ini replaces the pending uPMUs");
        assertEquals(Set.of("meter:h:4712"), removed.removed());
        assertEquals(a.registry().devices(), b.registry().devices());
        assertEquals(4, b.told().get());
        assertSame(FollowedChanges.NONE, after);
        assertEquals(0, finds.of(MongoDeviceStore.COLLECTION));
    }

    @Test
    void givenOwnSave_whenFollowed_thenDevicesReadOnceAndNoChangeReported() throws Exception {
        Node here = node();
        here.follow();
        here.registry().add("10.0.0.1", "P1", "soda", false);
        here.catalog().add("meter", "m1", Map.of("host", "h"));
        here.registry().save();
        int toldBySave = here.told().get();
        finds.clear();

        assertSame(FollowedChanges.NONE, here.follow());
        assertEquals(2, finds.of(MongoDeviceStore.COLLECTION), "own save raised the marker: uPMUs and catalog read");
        finds.clear();
        assertSame(FollowedChanges.NONE, here.follow());
        assertEquals(0, finds.of(MongoDeviceStore.COLLECTION));
        assertEquals(toldBySave, here.told().get());
    }

    @Test
    void givenHandEditInTheCollection_whenFollowed_thenSeenAtTheNextFullReading() throws Exception {
        Node there = node();
        there.registry().add("10.0.0.1", "P1", "soda", false);
        there.registry().save();
        Node here = node();
        here.follow();

        devicesCollection().updateOne(Filters.eq("_id", "P1"), new Document("$set", new Document("ip", "10.0.0.9")));
        later(Duration.ofSeconds(55));
        FollowedChanges before = here.follow();
        later(Duration.ofSeconds(5));
        FollowedChanges atFull = here.follow();

        assertSame(FollowedChanges.NONE, before, "seen before the full reading was due");
        assertEquals(Set.of("P1"), atFull.changed());
        assertEquals("10.0.0.9", here.registry().bySerial("P1").orElseThrow().ip());
    }

    @Test
    void givenFullReadingsOff_whenHandEdited_thenNotSeenUntilTheMarkerChanges() throws Exception {
        Node there = node();
        there.registry().add("10.0.0.1", "P1", "soda", false);
        there.registry().save();
        Node here = node(new ChangeMarker(client)::read, Duration.ZERO);
        here.follow();

        devicesCollection().updateOne(Filters.eq("_id", "P1"), new Document("$set", new Document("ip", "10.0.0.9")));
        later(Duration.ofHours(1));
        FollowedChanges hours = here.follow();
        there.catalog().add("meter", "m1", Map.of("host", "h"));
        there.catalog().save();
        FollowedChanges marked = here.follow();

        assertSame(FollowedChanges.NONE, hours);
        assertEquals(Set.of("P1"), marked.changed());
        assertEquals(Set.of("meter:h:4712"), marked.added());
    }

    @Test
    void givenDatabaseWithoutMarker_whenFollowed_thenEveryReadingReadsTheDevicesUntilAQssSaves() throws Exception {
        RegisteredDevice old = new RegisteredDevice("10.0.0.1", "P1", "soda", false, 1, Map.of(), Map.of());
        Document legacy = MongoDeviceStore.toDocument(old);
        legacy.remove(MongoDeviceStore.TYPE);
        devicesCollection().insertOne(legacy);
        Node here = node();
        here.follow();
        finds.clear();

        assertSame(FollowedChanges.NONE, here.follow());
        assertEquals(2, finds.of(MongoDeviceStore.COLLECTION), "uPMUs and catalog read again");
        devicesCollection().updateOne(Filters.eq("_id", "P1"), new Document("$set", new Document("ip", "10.0.0.9")));
        FollowedChanges handEdit = here.follow();
        Node there = node();
        there.catalog().add("meter", "m1", Map.of("host", "h"));
        there.catalog().save();
        FollowedChanges saved = here.follow();
        finds.clear();
        FollowedChanges after = here.follow();

        assertEquals(Set.of("P1"), handEdit.changed(), "without a marker a hand edit is seen at once");
        assertEquals(Set.of("meter:h:4712"), saved.added());
        assertSame(FollowedChanges.NONE, after);
        assertEquals(0, finds.of(MongoDeviceStore.COLLECTION), "the marker written by the save is followed");
    }

    @Test
    void givenOwnWriteBeforeTheMarkerIsRead_whenTheRoundIsDropped_thenTheNextRoundReadsAgain() throws Exception {
        Node there = node();
        there.registry().add("10.0.0.1", "P1", "soda", false);
        there.registry().save();
        ChangeMarker marker = new ChangeMarker(client);
        AtomicInteger reads = new AtomicInteger();
        Node[] here = new Node[1];
        here[0] = node(
                () -> {
                    if (reads.incrementAndGet() == 2) {
                        // lands after the round noted this node's writes and before it reads the marker
                        here[0].registry().raiseGeneration("P1");
                    }
                    return marker.read();
                },
                FULL);
        assertSame(FollowedChanges.NONE, here[0].follow());

        there.registry().add("10.0.0.2", "P2", "cola", false);
        there.registry().save();
        FollowedChanges dropped = here[0].follow();
        FollowedChanges next = here[0].follow();

        assertSame(FollowedChanges.NONE, dropped);
        assertEquals(Set.of("P2"), next.added());
        assertTrue(next.changed().isEmpty(), next.toString());
    }

    @Test
    void givenWriteFailingPartWay_whenDone_thenTheMarkerRisesAndTheFailureIsKept() throws Exception {
        ChangeMarker marker = new ChangeMarker(client, "here:1");
        RegistryException failure = new RegistryException("saving devices failed [collection=x]");

        RegistryException thrown = assertThrows(
                RegistryException.class,
                () -> marker.afterWrite(() -> {
                    devicesCollection().insertOne(new Document("_id", "P9").append("type", "upmu"));
                    throw failure;
                }));

        assertSame(failure, thrown);
        ChangeMarker.Mark mark = marker.read().orElseThrow();
        assertEquals(1, mark.count());
        assertEquals("here:1", mark.node());
    }

    @Test
    void givenEveryWriteOfTheDevices_whenDone_thenTheMarkerRisesOnceEach() throws Exception {
        Node here = node();
        here.registry().add("10.0.0.1", "P1", "soda", false);
        here.registry().save();
        long afterUpmuSave = markerCount();
        here.catalog().add("meter", "m1", Map.of("host", "h"));
        here.catalog().save();
        assertEquals(afterUpmuSave + 1, markerCount(), "catalog save");
        here.registry().raiseGeneration("P1");
        assertEquals(afterUpmuSave + 2, markerCount(), "raised generation");
        here.catalog().declareStreams("m1", List.of(new StreamSpec("ST2", "FREQ", "Hz")));
        assertEquals(afterUpmuSave + 3, markerCount(), "declared streams");
        here.catalog().saveState("m1", new byte[] {1, 2});
        here.registry().save();
        assertEquals(afterUpmuSave + 3, markerCount(), "a kept state or an empty save writes no configuration");
        here.registry().remove("P1");
        here.registry().save();
        assertEquals(afterUpmuSave + 4, markerCount(), "removal");
        here.registry().importIni(UpmuConfigIniTest.golden());
        here.registry().save();
        assertEquals(afterUpmuSave + 5, markerCount(), "import-ini");
        Document legacy = MongoDeviceStore.toDocument(
                new RegisteredDevice("10.0.0.7", "P7", "old", false, 1, Map.of(), Map.of()));
        legacy.remove(MongoDeviceStore.TYPE);
        devicesCollection().insertOne(legacy);
        new MongoDeviceStore(client).markUntypedAsUpmu();
        new MongoDeviceStore(client).markUntypedAsUpmu();
        assertEquals(afterUpmuSave + 6, markerCount(), "untyped documents marked as uPMUs, once");

        assertEquals(1, afterUpmuSave);
    }
}
