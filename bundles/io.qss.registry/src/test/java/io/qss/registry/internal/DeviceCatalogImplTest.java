// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceType;
import io.qss.device.PropertySpec;
import io.qss.device.StreamSpec;
import io.qss.registry.Device;
import io.qss.registry.RegistryException;
import io.qss.registry.SaveResult;
import io.qss.registry.StreamEntry;
import io.qss.store.api.StreamInfo;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceCatalogImplTest {

    /** A live type: id = host:port, one stream of its own and one in a group. */
    static final class MeterType implements DeviceType {

        @Override
        public String typeId() {
            return "meter";
        }

        @Override
        public List<PropertySpec> properties() {
            return List.of(
                    new PropertySpec("host", "host name", true, null),
                    new PropertySpec("port", "TCP port", false, "4712"),
                    new PropertySpec("label", "free text", false, null));
        }

        @Override
        public String deviceId(String alias, Map<String, String> properties) {
            return properties.get("host") + ":" + properties.get("port");
        }

        @Override
        public List<StreamSpec> streams(DeviceDescriptor device) {
            return List.of(new StreamSpec("V", "V"), new StreamSpec("ST1", "FREQ", "Hz"));
        }
    }

    @TempDir
    Path dir;

    private MongoServer server;
    private MongoClient client;
    private TimeSeriesStoreImpl store;
    private final DeviceTypes types = new DeviceTypes();
    private final Map<DeviceCatalogImpl, DeviceRegistryImpl> registries = new IdentityHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        store = TimeSeriesStoreImpl.open(FileVolumes.open(dir.resolve("store")), StoreOptions.defaults());
        types.add(new MeterType(), Map.of(DeviceType.TYPE_PROPERTY, "meter"));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.shutdownNow();
        store.close();
    }

    /** A fresh registry and catalog over the same database and store, as after a restart. */
    private DeviceCatalogImpl catalog() throws RegistryException {
        DeviceRegistryImpl registry = new DeviceRegistryImpl(new MongoDeviceStore(client), store);
        registry.load();
        DeviceCatalogImpl catalog = new DeviceCatalogImpl(registry, new MongoCatalogStore(client), store, types);
        catalog.load();
        registries.put(catalog, registry);
        return catalog;
    }

    private MongoCollection<Document> documents() {
        return client.getDatabase(MongoDeviceStore.DATABASE).getCollection(MongoDeviceStore.COLLECTION);
    }

    @Test
    void givenUntypedDocuments_whenMigrated_thenMarkedUpmuOnceAndListed() throws Exception {
        documents()
                .insertOne(MongoDeviceStore.toDocument(new io.qss.registry.RegisteredDevice(
                        "10.0.0.1", "P1", "old", false, 1, Map.of("L1MAG", UUID.randomUUID()), Map.of())));
        documents().updateOne(Filters.eq("_id", "P1"), new Document("$unset", new Document("type", "")));

        MongoDeviceStore upmus = new MongoDeviceStore(client);
        assertEquals(1, upmus.markUntypedAsUpmu());
        assertEquals(0, upmus.markUntypedAsUpmu());

        Device d = catalog().find("old").orElseThrow();
        assertEquals("upmu", d.type());
        assertEquals("P1", d.id());
        assertEquals(Map.of("ip", "10.0.0.1", "extended", "false"), d.properties());
        assertEquals("upmu", documents().find(Filters.eq("_id", "P1")).first().getString("type"));
    }

    @Test
    void givenTypeNotInstalled_whenAdded_thenRefusedNamingIt() throws Exception {
        RegistryException e =
                assertThrows(RegistryException.class, () -> catalog().add("c37118", "pmu1", Map.of("host", "h")));

        assertTrue(e.getMessage().startsWith("device type not installed"), e.getMessage());
        assertTrue(e.getMessage().contains("type=c37118, installed=meter"), e.getMessage());
    }

    @Test
    void givenBadProperties_whenAdded_thenErrorNamesUnknownKeyOrMissingOnes() throws Exception {
        DeviceCatalogImpl catalog = catalog();

        RegistryException unknown = assertThrows(
                RegistryException.class, () -> catalog.add("meter", "m1", Map.of("host", "h", "prot", "1")));
        RegistryException missing =
                assertThrows(RegistryException.class, () -> catalog.add("meter", "m1", Map.of("port", "1")));

        assertEquals("unknown device property [type=meter, key=prot, known=host,port,label]", unknown.getMessage());
        assertEquals("required device properties missing [type=meter, missing=host]", missing.getMessage());
        assertEquals(0, catalog.unsavedChanges());
    }

    @Test
    void givenAdded_whenPending_thenDefaultsFilledIdFromTypeAndNothingSaved() throws Exception {
        DeviceCatalogImpl catalog = catalog();

        Device d = catalog.add("meter", "m1", Map.of("host", "10.0.0.9"));

        assertEquals("10.0.0.9:4712", d.id());
        assertEquals(Map.of("host", "10.0.0.9", "port", "4712"), d.properties());
        assertEquals(List.of("V", "ST1/FREQ"), List.copyOf(d.streamUuids().keySet()));
        assertEquals(1, catalog.unsavedChanges());
        assertEquals(List.of(d), catalog.pendingDevices());
        assertTrue(catalog.devices().isEmpty());
        assertTrue(catalog().pendingDevices().isEmpty());
    }

    @Test
    void givenAliasOfAnyTypeOrIdOfTheType_whenAdded_thenRefused() throws Exception {
        DeviceCatalogImpl catalog = catalog();
        catalog.add("upmu", "soda", Map.of("ip", "10.0.0.1", "serial", "P1"));
        catalog.add("meter", "m1", Map.of("host", "h"));

        assertThrows(RegistryException.class, () -> catalog.add("meter", "soda", Map.of("host", "other")));
        assertThrows(RegistryException.class, () -> catalog.add("meter", "m2", Map.of("host", "h")));
        RegistryException e = assertThrows(
                RegistryException.class, () -> catalog.add("upmu", "m1", Map.of("ip", "10.0.0.2", "serial", "P2")));
        assertTrue(e.getMessage().startsWith("alias already used by a device of another type"), e.getMessage());
        catalog.add("meter", "m2", Map.of("host", "h", "port", "1"));
    }

    @Test
    void givenSaved_whenReloaded_thenDocumentShapeAndStreamsInStore() throws Exception {
        DeviceCatalogImpl catalog = catalog();
        Device added = catalog.add("meter", "m1", Map.of("host", "h", "label", "Feeder 3"));

        SaveResult r = catalog.save();

        assertEquals(new SaveResult(1, 0, 0, 0), r);
        Device reloaded = catalog().find("m1").orElseThrow();
        assertEquals(added, reloaded);
        Document doc = documents().find(Filters.eq("_id", "meter:h:4712")).first();
        assertEquals("meter", doc.getString("type"));
        assertEquals("h:4712", doc.getString("id"));
        assertEquals(
                new Document("key", "ST1/FREQ")
                        .append("uuid", added.streamUuids().get("ST1/FREQ").toString())
                        .append("unit", "Hz"),
                doc.getList("streams", Document.class).get(1));
        List<StreamEntry> streams = catalog.streams(reloaded);
        assertEquals(
                new StreamEntry(
                        "/meter/m1/ST1/FREQ", "FREQ", "Hz", added.streamUuids().get("ST1/FREQ")),
                streams.get(1));
        StreamInfo info = store.stream(added.streamUuids().get("ST1/FREQ")).orElseThrow();
        assertEquals("meter/m1/ST1", info.collection());
        assertEquals(Map.of("name", "FREQ", "unit", "Hz"), info.tags());
        assertEquals(
                Map.of(
                        "type",
                        "meter",
                        "id",
                        "h:4712",
                        "alias",
                        "m1",
                        "host",
                        "h",
                        "port",
                        "4712",
                        "label",
                        "Feeder 3"),
                info.annotations());
        assertEquals(
                "meter/m1",
                store.stream(added.streamUuids().get("V")).orElseThrow().collection());
    }

    @Test
    void givenEditsOfBothKinds_whenUpmuSaveOrDiscard_thenOnePendingConfiguration() throws Exception {
        DeviceCatalogImpl catalog = catalog();
        DeviceRegistryImpl upmus = registryOf(catalog);
        upmus.add("10.0.0.1", "P1", "soda", false);
        catalog.add("meter", "m1", Map.of("host", "h"));

        assertEquals(2, upmus.unsavedChanges());
        assertEquals(2, catalog.unsavedChanges());
        upmus.discard();
        assertEquals(0, catalog.unsavedChanges());
        assertTrue(catalog.pendingDevices().isEmpty());

        upmus.add("10.0.0.1", "P1", "soda", false);
        catalog.add("meter", "m1", Map.of("host", "h"));
        assertEquals(new SaveResult(2, 0, 0, 0), upmus.save());
        assertEquals(
                List.of("m1", "soda"),
                catalog().devices().stream().map(Device::alias).toList());
        assertEquals(
                List.of("m1"),
                catalog.devices("meter").stream().map(Device::alias).toList());
    }

    @Test
    void givenRemovedAndSaved_whenAddedAgain_thenFormerUuidsFromTheStore() throws Exception {
        DeviceCatalogImpl catalog = catalog();
        Device first = catalog.add("meter", "m1", Map.of("host", "h"));
        catalog.save();
        catalog.declareStreams("m1", List.of(new StreamSpec("ST2", "DFREQ", "Hz/s")));
        catalog.remove("m1", false);
        catalog.save();

        Device again = catalog().add("meter", "m1", Map.of("host", "h"));

        assertEquals(first.streamUuids().get("V"), again.streamUuids().get("V"));
        assertEquals(first.streamUuids().get("ST1/FREQ"), again.streamUuids().get("ST1/FREQ"));
        assertEquals(
                List.of("V", "ST1/FREQ", "ST2/DFREQ"),
                List.copyOf(again.streamUuids().keySet()));
    }

    @Test
    void givenStreamsOfAnotherDeviceAtAlias_whenAdded_thenRefused() throws Exception {
        DeviceCatalogImpl catalog = catalog();
        catalog.add("meter", "m1", Map.of("host", "h"));
        catalog.save();
        catalog.remove("m1", false);
        catalog.save();

        RegistryException e =
                assertThrows(RegistryException.class, () -> catalog.add("meter", "m1", Map.of("host", "other")));

        assertTrue(e.getMessage().contains("storedIds=h:4712"), e.getMessage());
    }

    @Test
    void givenRemovedWithDataDeletion_whenSaved_thenStreamsGone() throws Exception {
        DeviceCatalogImpl catalog = catalog();
        Device d = catalog.add("meter", "m1", Map.of("host", "h"));
        catalog.save();

        catalog.remove("h:4712", true);
        SaveResult r = catalog.save();

        assertEquals(new SaveResult(0, 1, 0, 1), r);
        d.streamUuids().values().forEach(u -> assertTrue(store.stream(u).isEmpty()));
        assertTrue(catalog().devices().isEmpty());
        assertFalse(catalog()
                .add("meter", "m1", Map.of("host", "h"))
                .streamUuids()
                .containsValue(d.streamUuids().get("V")));
    }

    @Test
    void givenLiveDevice_whenStreamsDeclared_thenNewOnesCreatedExistingKeptAndReloaded() throws Exception {
        DeviceCatalogImpl catalog = catalog();
        Device d = catalog.add("meter", "m1", Map.of("host", "h"));
        catalog.save();

        Device after = catalog.declareStreams(
                "m1", List.of(new StreamSpec("ST1", "FREQ", "Hz"), new StreamSpec("ST1", "VA_MAG", "V")));

        assertEquals(d.streamUuids().get("ST1/FREQ"), after.streamUuids().get("ST1/FREQ"));
        UUID added = after.streamUuids().get("ST1/VA_MAG");
        assertEquals("meter/m1/ST1", store.stream(added).orElseThrow().collection());
        assertEquals(0, catalog.unsavedChanges());
        assertEquals(after, catalog().find("m1").orElseThrow());
        assertEquals("V", catalog().streams(after).get(2).unit());
        assertEquals(after, catalog.declareStreams("m1", List.of(new StreamSpec("ST1", "VA_MAG", "V"))));
        assertThrows(RegistryException.class, () -> catalog.declareStreams("nope", List.of()));
    }

    @Test
    void givenState_whenSavedAndConfigurationSavedAgain_thenKept() throws Exception {
        DeviceCatalogImpl catalog = catalog();
        catalog.add("meter", "m1", Map.of("host", "h"));
        catalog.add("upmu", "soda", Map.of("ip", "10.0.0.1", "serial", "P1"));
        catalog.save();
        byte[] state = {1, 2, 3, 0, -1};

        catalog.saveState("m1", state);
        catalog.saveState("soda", state);
        catalog.remove("soda", false);
        catalog.add("upmu", "soda", Map.of("ip", "10.0.0.1", "serial", "P1", "extended", "true"));
        catalog.declareStreams("m1", List.of(new StreamSpec("X", "")));
        catalog.save();

        assertArrayEquals(state, catalog().loadState("m1"));
        assertArrayEquals(state, catalog().loadState("soda"));
        catalog.add("meter", "m2", Map.of("host", "h2"));
        catalog.save();
        assertEquals(0, catalog.loadState("m2").length);
        assertThrows(RegistryException.class, () -> catalog.saveState("m1", new byte[(1 << 20) + 1]));
        assertThrows(RegistryException.class, () -> catalog.loadState("nope"));
    }

    @Test
    void givenListener_whenSaveChangedSomething_thenCalledOnce() throws Exception {
        DeviceCatalogImpl catalog = catalog();
        AtomicInteger calls = new AtomicInteger();
        catalog.addListener(calls::incrementAndGet);

        catalog.save();
        catalog.add("meter", "m1", Map.of("host", "h"));
        catalog.save();
        registryOf(catalog).add("10.0.0.1", "P1", "soda", false);
        registryOf(catalog).save();

        assertEquals(2, calls.get());
    }

    @Test
    void givenTypeUninstalled_whenReloaded_thenDeviceStaysWithItsStreams() throws Exception {
        DeviceCatalogImpl catalog = catalog();
        Device d = catalog.add("meter", "m1", Map.of("host", "h"));
        catalog.save();

        types.remove(types.get("meter").orElseThrow(), Map.of(DeviceType.TYPE_PROPERTY, "meter"));
        DeviceCatalogImpl reloaded = catalog();

        assertEquals(d, reloaded.find("m1").orElseThrow());
        assertEquals(2, reloaded.streams(d).size());
        assertThrows(RegistryException.class, () -> reloaded.add("meter", "m2", Map.of("host", "x")));
    }

    @Test
    void givenUpmuThroughCatalog_whenAdded_thenSchemaCheckedAndRegistryAdd() throws Exception {
        DeviceCatalogImpl catalog = catalog();

        RegistryException e =
                assertThrows(RegistryException.class, () -> catalog.add("upmu", "soda", Map.of("ip", "10.0.0.1")));
        Device d = catalog.add("upmu", "soda", Map.of("ip", "10.0.0.1", "serial", "P1", "extended", "true"));

        assertEquals("required device properties missing [type=upmu, missing=serial]", e.getMessage());
        assertEquals(19, d.streamUuids().size());
        assertEquals("P1", registryOf(catalog).findPending("soda").orElseThrow().serial());
        catalog.save();
        assertEquals(19, catalog.streams(d).size());
        assertEquals("/upmu/soda/L1MAG", catalog.streams(d).get(0).path());
        assertEquals(d, catalog.remove("soda", false));
    }

    private DeviceRegistryImpl registryOf(DeviceCatalogImpl catalog) {
        return registries.get(catalog);
    }
}
