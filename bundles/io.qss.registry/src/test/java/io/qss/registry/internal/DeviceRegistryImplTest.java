// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.registry.RegisteredDevice;
import io.qss.registry.RegistryException;
import io.qss.registry.StreamEntry;
import io.qss.store.StreamInfo;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
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
        store = TimeSeriesStoreImpl.open(dir.resolve("store"), StoreOptions.defaults());
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
    void givenSavedDevice_whenGenerationRaised_thenPersisted() throws Exception {
        DeviceRegistryImpl registry = registry();
        registry.add("192.168.1.24", "P3112233", "uPMU1", false);
        registry.save();

        assertEquals(2, registry.raiseGeneration("uPMU1"));

        assertEquals(2, registry().bySerial("P3112233").orElseThrow().generation());
    }
}
