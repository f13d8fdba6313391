// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.registry.DeviceChange;
import io.qss.registry.RegisteredDevice;
import io.qss.registry.RegistryException;
import io.qss.registry.SaveResult;
import io.qss.registry.StreamEntry;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StreamInfo;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceRegistryImplTest {

    @TempDir
    Path dir;

    private MongoServer server;
    private MongoClient client;
    private TimeSeriesStoreImpl store;

    @BeforeEach
    void start() throws Exception {
        server = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        store = TimeSeriesStoreImpl.open(FileVolumes.open(dir.resolve("store")), StoreOptions.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.shutdownNow();
        store.close();
    }

    private DeviceRegistryImpl registry() throws RegistryException {
        DeviceRegistryImpl registry = new DeviceRegistryImpl(new MongoDeviceStore(client), store);
        registry.load();
        return registry;
    }

    @Test
    void givenAddedDevice_whenNotSaved_thenPendingOnlyAndLostOnReload() throws Exception {
        DeviceRegistryImpl registry = registry();

        registry.add("192.168.1.24", "P3112233", "uPMU1", false);

        assertEquals(1, registry.unsavedChanges());
        assertTrue(registry.devices().isEmpty());
        assertTrue(registry().pendingDevices().isEmpty());
    }

    @Test
    void givenSavedDevice_whenReloaded_thenSameUuidsAndStreamsInStore() throws Exception {
        DeviceRegistryImpl registry = registry();
        RegisteredDevice added = registry.add("192.168.1.24", "P3112233", "uPMU1", true);

        registry.save();

        RegisteredDevice reloaded = registry().bySerial("P3112233").orElseThrow();
        assertEquals(added.streamUuids(), reloaded.streamUuids());
        List<StreamEntry> streams = registry.streams(reloaded);
        assertEquals(19, streams.size());
        StreamInfo info = store.stream(streams.get(17).uuid()).orElseThrow();
        assertEquals("upmu/uPMU1", info.collection());
        assertEquals("FREQ_L1_1S", info.tags().get("name"));
        assertEquals("Hz", info.tags().get("unit"));
        assertEquals("P3112233", info.annotations().get("serial"));
        assertEquals(0, registry.unsavedChanges());
    }

    @Test
    void givenDuplicates_whenAdded_thenRejected() throws Exception {
        DeviceRegistryImpl registry = registry();
        registry.add("192.168.1.24", "P3112233", "uPMU1", false);

        assertThrows(RegistryException.class, () -> registry.add("192.168.1.25", "P3112233", "other", false));
        assertThrows(RegistryException.class, () -> registry.add("192.168.1.24", "P1", "other", false));
        assertThrows(RegistryException.class, () -> registry.add("192.168.1.26", "../x", "y", false));
    }

    @Test
    void givenSavedDevice_whenRemovedByAliasAndSaved_thenGone() throws Exception {
        DeviceRegistryImpl registry = registry();
        registry.add("192.168.1.24", "P3112233", "uPMU1", false);
        registry.save();

        registry.remove("uPMU1");
        registry.save();

        assertTrue(registry().devices().isEmpty());
    }

    @Test
    void givenBaseDevice_whenSetExtendedAndSaved_thenNineteenStreamsKeepingBaseUuids() throws Exception {
        DeviceRegistryImpl registry = registry();
        RegisteredDevice base = registry.add("192.168.1.24", "P3112233", "uPMU1", false);
        registry.save();

        RegisteredDevice ext = registry.setExtended("192.168.1.24", true);
        registry.save();

        assertEquals(base.streamUuids().get("L1MAG"), ext.streamUuids().get("L1MAG"));
        assertTrue(store.stream(ext.streamUuids().get("FUND_W")).isPresent());
    }

    @Test
    void givenGoldenIni_whenImportedSavedAndExported_thenRoundTrip() throws Exception {
        DeviceRegistryImpl registry = registry();

        registry.importIni(UpmuConfigIniTest.golden());
        registry.save();

        assertEquals(UpmuConfigIniTest.golden(), registry().exportIni());
    }

    @Test
    void givenIniWithLbnlPaths_whenImportedSavedReloadedAndRaised_thenStreamsKeepUuidsAndPaths() throws Exception {
        UUID l1mag = UUID.randomUUID();
        String ini = "[10.0.0.9]\n%serial_number = P3000001\n%alias = uPMU_1\n[[L1MAG]]\nuuid = " + l1mag
                + "\nPath = /lbnl/uPMU_1/L1MAG\n";
        DeviceRegistryImpl registry = registry();
        registry.importIni(ini);
        registry.save();

        registry().raiseGeneration("uPMU_1");
        DeviceRegistryImpl reloaded = registry();

        RegisteredDevice d = reloaded.bySerial("P3000001").orElseThrow();
        assertEquals("lbnl/uPMU_1", d.collection());
        assertEquals(2, d.generation());
        assertEquals(
                l1mag,
                store.lookup("lbnl/uPMU_1", false, Map.of("name", "L1MAG"), Map.of())
                        .get(0)
                        .uuid());
        assertEquals(13, store.lookup("lbnl/uPMU_1", false, Map.of(), Map.of()).size());
        assertTrue(store.lookup("upmu/", true, Map.of(), Map.of()).isEmpty());
        assertTrue(reloaded.exportIni().contains("Path = /lbnl/uPMU_1/C3ANG"), reloaded.exportIni());
        assertEquals(0, reloaded.previewIni(ini).size());
    }

    @Test
    void givenDeviceMovedToAnotherDomain_whenImportedAgain_thenChangeListedAndStreamsMoved() throws Exception {
        DeviceRegistryImpl registry = registry();
        RegisteredDevice before = registry.add("10.0.0.9", "P3000001", "uPMU_1", false);
        registry.save();
        String moved = registry.exportIni().replace("Path = /upmu/", "Path = /lbnl/");

        List<DeviceChange> changes = registry.previewIni(moved);
        registry.importIni(moved);
        registry.save();

        assertEquals(
                List.of("paths /upmu/uPMU_1/ -> /lbnl/uPMU_1/"), changes.get(0).details());
        assertEquals(
                before.streamUuids().get("L1MAG"),
                store.lookup("lbnl/uPMU_1", false, Map.of("name", "L1MAG"), Map.of())
                        .get(0)
                        .uuid());
        assertTrue(store.lookup("upmu/uPMU_1", false, Map.of(), Map.of()).isEmpty());
    }

    @Test
    void givenSavedDevice_whenGenerationRaised_thenPersisted() throws Exception {
        DeviceRegistryImpl registry = registry();
        registry.add("192.168.1.24", "P3112233", "uPMU1", false);
        registry.save();

        assertEquals(2, registry.raiseGeneration("uPMU1"));

        assertEquals(2, registry().bySerial("P3112233").orElseThrow().generation());
    }

    @Test
    void givenSavedDevice_whenRemovedSavedAndAddedAgain_thenSameUuidsAndOneSetOfPaths() throws Exception {
        DeviceRegistryImpl registry = registry();
        RegisteredDevice first = registry.add("192.168.1.24", "P3112233", "x", true);
        registry.save();
        registry.remove("x");
        registry.save();

        RegisteredDevice again = registry().add("192.168.1.24", "P3112233", "x", true);
        registry.save();

        assertEquals(first.streamUuids(), again.streamUuids());
        assertEquals(19, store.lookup("upmu/x", false, Map.of(), Map.of()).size());
    }

    @Test
    void givenDeviceForgottenByMongo_whenAddedAgainUnderNewAlias_thenStoredStreamsReusedAndMoved() throws Exception {
        DeviceRegistryImpl registry = registry();
        registry.add("192.168.1.24", "P3112233", "x", false);
        registry.save();
        UUID l1mag = registry.bySerial("P3112233").orElseThrow().streamUuids().get("L1MAG");
        client.getDatabase(MongoDeviceStore.DATABASE)
                .getCollection(MongoDeviceStore.COLLECTION)
                .drop();

        DeviceRegistryImpl forgetful = registry();
        RegisteredDevice again = forgetful.add("192.168.1.24", "P3112233", "y", false);
        forgetful.save();

        assertEquals(l1mag, again.streamUuids().get("L1MAG"));
        assertEquals("upmu/y", store.stream(l1mag).orElseThrow().collection());
    }

    @Test
    void givenRemovedDeviceWithData_whenAnotherSerialTakesItsAlias_thenRefused() throws Exception {
        DeviceRegistryImpl registry = registry();
        registry.add("192.168.1.24", "P3112233", "x", false);
        registry.save();
        registry.remove("x");
        registry.save();

        RegistryException e =
                assertThrows(RegistryException.class, () -> registry.add("192.168.1.25", "P3999999", "x", false));

        assertTrue(e.getMessage().contains("storedSerials=P3112233"), e.getMessage());
    }

    @Test
    void givenRemoveWithDataDeletion_whenSaved_thenStreamsGoneAndAliasFree() throws Exception {
        DeviceRegistryImpl registry = registry();
        RegisteredDevice d = registry.add("192.168.1.24", "P3112233", "x", false);
        registry.save();
        UUID l1mag = d.streamUuids().get("L1MAG");
        store.insert(l1mag, new long[] {1_000L, 2_000L}, new double[] {1, 2}, 0, 2, MergePolicy.REPLACE);

        registry.remove("P3112233", true);
        assertThrows(RegistryException.class, () -> registry.add("192.168.1.24", "P3112233", "x", false));
        SaveResult result = registry.save();

        assertEquals(1, result.dataDeleted());
        assertTrue(store.stream(l1mag).isEmpty());
        assertTrue(store.lookup("upmu/", true, Map.of(), Map.of("serial", "P3112233"))
                .isEmpty());
        RegisteredDevice other = registry.add("192.168.1.25", "P3999999", "x", false);
        assertTrue(!other.streamUuids().containsValue(l1mag));
    }

    @Test
    void givenRemoveWithDataDeletion_whenDiscarded_thenDataKept() throws Exception {
        DeviceRegistryImpl registry = registry();
        RegisteredDevice d = registry.add("192.168.1.24", "P3112233", "x", false);
        registry.save();

        registry.remove("x", true);
        registry.discard();
        SaveResult result = registry.save();

        assertEquals(0, result.dataDeleted());
        assertTrue(store.stream(d.streamUuids().get("L1MAG")).isPresent());
    }

    @Test
    void givenPendingDevices_whenIniPreviewed_thenAddedRemovedChangedListedAndNothingApplied() throws Exception {
        DeviceRegistryImpl registry = registry();
        registry.importIni(UpmuConfigIniTest.golden());
        registry.save();
        RegisteredDevice kept = registry.pendingDevices().get(0);
        registry.add("10.9.9.9", "P3777777", "gone", false);
        String ini = UpmuConfigIniTest.golden()
                        .replace("%alias = " + kept.alias(), "%alias = renamed")
                        .replace(kept.path(""), "/upmu/renamed/")
                + "\n[10.8.8.8]\n%serial_number = P3888888\n%alias = fresh\n";

        List<DeviceChange> changes = registry.previewIni(ini);

        assertEquals(
                List.of(
                        new DeviceChange(DeviceChange.Kind.ADDED, "P3888888", "fresh", List.of()),
                        new DeviceChange(DeviceChange.Kind.REMOVED, "P3777777", "gone", List.of()),
                        new DeviceChange(
                                DeviceChange.Kind.CHANGED,
                                kept.serial(),
                                "renamed",
                                List.of("alias " + kept.alias() + " -> renamed"))),
                changes);
        assertTrue(registry.findPending("gone").isPresent());
    }

    @Test
    void givenIniGivingAStreamOfAnotherSerial_whenImported_thenRefusedNamingBoth() throws Exception {
        DeviceRegistryImpl registry = registry();
        RegisteredDevice other = registry.add("10.9.9.9", "P3777777", "other", false);
        registry.save();
        String ini = "[10.8.8.8]\n%serial_number = P3888888\n%alias = thief\n    [[L1MAG]]\n    uuid = "
                + other.streamUuids().get("L1MAG") + "\n";

        RegistryException e = assertThrows(RegistryException.class, () -> registry.importIni(ini));

        assertTrue(e.getMessage().contains("storedSerial=P3777777"), e.getMessage());
        assertTrue(registry.findPending("other").isPresent());
    }

    @Test
    void givenIniNamingAnAliasTwice_whenPreviewed_thenRefused() throws Exception {
        String ini = "[10.8.8.8]\n%serial_number = P3888888\n%alias = same\n"
                + "[10.8.8.9]\n%serial_number = P3888889\n%alias = same\n";

        RegistryException e =
                assertThrows(RegistryException.class, () -> registry().previewIni(ini));

        assertTrue(e.getMessage().startsWith("upmuconfig.ini names an alias twice"), e.getMessage());
    }

    @Test
    void givenUnknownKey_whenRemoved_thenErrorNamesTheDevice() throws Exception {
        RegistryException e =
                assertThrows(RegistryException.class, () -> registry().remove("nope"));

        assertTrue(e.getMessage().startsWith("no device named nope"), e.getMessage());
    }
}
