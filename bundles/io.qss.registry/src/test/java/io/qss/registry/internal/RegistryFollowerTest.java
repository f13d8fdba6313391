// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.device.DeviceType;
import io.qss.device.StreamSpec;
import io.qss.registry.Device;
import io.qss.registry.RegisteredDevice;
import io.qss.registry.RegistryException;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two qss nodes on one MongoDB and one store: each node is a registry with its catalog, as the components build
 * them (reading the devices when their marker changed), and follows what the other saves.
 */
class RegistryFollowerTest {

    /** One node: its registry, its catalog and how often the catalog told its listeners (the device manager). */
    private record Node(DeviceRegistryImpl registry, DeviceCatalogImpl catalog, AtomicInteger told) {

        FollowedChanges follow() throws RegistryException {
            return registry.follow();
        }
    }

    /** The MongoDB store of the uPMUs, running {@link #afterRead} once after its next read. */
    private static final class HookedStore implements DeviceStore {

        private final DeviceStore delegate;
        private Runnable afterRead;

        HookedStore(DeviceStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<RegisteredDevice> load() throws RegistryException {
            List<RegisteredDevice> read = delegate.load();
            Runnable hook = afterRead;
            afterRead = null;
            if (hook != null) {
                hook.run();
            }
            return read;
        }

        @Override
        public void write(Collection<RegisteredDevice> upserts, Collection<String> removedSerials)
                throws RegistryException {
            delegate.write(upserts, removedSerials);
        }
    }

    @TempDir
    Path dir;

    private MongoServer server;
    private MongoClient client;
    private TimeSeriesStoreImpl store;
    private final DeviceTypes types = new DeviceTypes();

    @BeforeEach
    void start() throws Exception {
        server = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort() + "/?serverSelectionTimeoutMS=1000");
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
        return node(new MongoDeviceStore(client));
    }

    private Node node(DeviceStore upmus) throws RegistryException {
        FollowGate gate = new FollowGate(new ChangeMarker(client)::read, Duration.ofSeconds(60), System::nanoTime);
        DeviceRegistryImpl registry = new DeviceRegistryImpl(upmus, store, gate);
        registry.load();
        DeviceCatalogImpl catalog = new DeviceCatalogImpl(registry, new MongoCatalogStore(client), store, types);
        catalog.load();
        AtomicInteger told = new AtomicInteger();
        catalog.addListener(told::incrementAndGet);
        return new Node(registry, catalog, told);
    }

    @Test
    void givenUpmuSavedByAnotherNode_whenFollowed_thenKnownSavedAndPendingAndListenersToldOnce() throws Exception {
        Node here = node();
        Node there = node();
        RegisteredDevice added = there.registry().add("10.0.0.1", "P1", "soda", false);
        there.registry().save();

        FollowedChanges changes = here.follow();

        assertEquals(Set.of("P1"), changes.added());
        assertEquals(added, here.registry().bySerial("P1").orElseThrow());
        assertEquals(List.of(added), here.registry().pendingDevices());
        assertEquals(0, here.registry().unsavedChanges());
        assertEquals(1, here.told().get());
        assertSame(FollowedChanges.NONE, here.follow());
        assertEquals(1, here.told().get());
    }

    @Test
    void givenLocalSaves_whenFollowed_thenNoChangeAndNoListenerCall() throws Exception {
        Node here = node();
        here.registry().add("10.0.0.1", "P1", "soda", true);
        here.catalog().add("meter", "m1", Map.of("host", "h", "label", "Feeder 3"));
        here.registry().save();
        here.registry().raiseGeneration("P1");
        here.catalog().declareStreams("m1", List.of(new StreamSpec("ST2", "FREQ", "Hz")));
        int toldBySave = here.told().get();

        assertSame(FollowedChanges.NONE, here.follow());
        assertEquals(toldBySave, here.told().get());
    }

    @Test
    void givenSaveLandingWhileFollowReads_whenFollowed_thenRoundSkippedAndTheSaveKept() throws Exception {
        HookedStore upmus = new HookedStore(new MongoDeviceStore(client));
        Node here = node(upmus);
        upmus.afterRead = () -> {
            try {
                here.registry().add("10.0.0.1", "P1", "soda", false);
                here.registry().save();
            } catch (RegistryException e) {
                throw new IllegalStateException(e);
            }
        };

        assertSame(FollowedChanges.NONE, here.follow());
        assertTrue(here.registry().bySerial("P1").isPresent(), "the save read as another node's removal");
        assertSame(FollowedChanges.NONE, here.follow());
        assertTrue(here.registry().bySerial("P1").isPresent());
    }

    @Test
    void givenUnsavedLocalEdits_whenAnotherNodeSavesOtherDevices_thenEditsStayPendingOnTop() throws Exception {
        Node there = node();
        there.registry().add("10.0.0.1", "P1", "soda", false);
        there.registry().add("10.0.0.2", "P2", "cola", false);
        there.registry().save();
        Node here = node();
        RegisteredDevice edited = here.registry().setExtended("P1", true);
        RegisteredDevice addedHere = here.registry().add("10.0.0.3", "P3", "lime", false);

        RegisteredDevice changedThere = there.registry().setExtended("P2", true);
        RegisteredDevice addedThere = there.registry().add("10.0.0.4", "P4", "kiwi", false);
        there.registry().save();
        FollowedChanges changes = here.follow();

        assertEquals(Set.of("P4"), changes.added());
        assertEquals(Set.of("P2"), changes.changed());
        assertTrue(changes.conflicts().isEmpty(), changes.toString());
        assertEquals(changedThere, here.registry().bySerial("P2").orElseThrow());
        assertEquals(
                List.of(changedThere, addedThere, addedHere, edited),
                here.registry().pendingDevices(),
                "pending sorted by alias: cola, kiwi, lime, soda");
        assertEquals(2, here.registry().unsavedChanges());
        assertFalse(here.registry().bySerial("P1").orElseThrow().isExtended());
    }

    @Test
    void givenDeviceEditedHereAndChangedThere_whenFollowed_thenSavedIsTheirsLocalEditPendingAndConflictNamed()
            throws Exception {
        Node there = node();
        there.registry().add("10.0.0.1", "P1", "soda", false);
        there.registry().save();
        Node here = node();
        RegisteredDevice edited = here.registry().setExtended("P1", true);

        there.registry().remove("P1");
        there.registry().add("10.0.0.9", "P1", "soda", false);
        there.registry().save();
        FollowedChanges changes = here.follow();

        RegisteredDevice theirs = there.registry().bySerial("P1").orElseThrow();
        assertEquals(Set.of("P1"), changes.changed());
        assertEquals(List.of(new FollowedChanges.Conflict("P1", edited, theirs)), changes.conflicts());
        assertEquals(theirs, here.registry().bySerial("P1").orElseThrow());
        assertEquals(List.of(edited), here.registry().pendingDevices());
        assertEquals(1, here.registry().unsavedChanges());
    }

    @Test
    void givenDeviceRemovedThere_whenFollowed_thenGoneHereUnlessEditedHere() throws Exception {
        Node there = node();
        there.registry().add("10.0.0.1", "P1", "soda", false);
        there.registry().add("10.0.0.2", "P2", "cola", false);
        there.registry().save();
        Node here = node();
        RegisteredDevice edited = here.registry().setExtended("P2", true);

        there.registry().remove("P1");
        there.registry().remove("P2");
        there.registry().save();
        FollowedChanges changes = here.follow();

        assertEquals(Set.of("P1", "P2"), changes.removed());
        assertEquals(List.of(new FollowedChanges.Conflict("P2", edited, null)), changes.conflicts());
        assertTrue(here.registry().devices().isEmpty());
        assertEquals(List.of(edited), here.registry().pendingDevices(), "the edited one stays, to be added again");
        assertEquals(1, here.told().get());
    }

    @Test
    void givenCatalogDevicesSavedAndRemovedThere_whenFollowed_thenSameHereAndListenersToldOncePerChange()
            throws Exception {
        Node here = node();
        Node there = node();
        Device meter = there.catalog().add("meter", "m1", Map.of("host", "h"));
        there.catalog().save();

        FollowedChanges added = here.follow();

        assertEquals(Set.of("meter:h:4712"), added.added());
        assertEquals(List.of(meter), here.catalog().devices());
        assertEquals(List.of(meter), here.catalog().pendingDevices());
        assertEquals(0, here.catalog().unsavedChanges());
        assertEquals(1, here.told().get());
        assertSame(FollowedChanges.NONE, here.follow());

        there.catalog().remove("m1", false);
        there.catalog().save();
        FollowedChanges removed = here.follow();

        assertEquals(Set.of("meter:h:4712"), removed.removed());
        assertTrue(here.catalog().devices().isEmpty());
        assertTrue(here.catalog().pendingDevices().isEmpty());
        assertEquals(2, here.told().get());
    }

    @Test
    void givenStreamsDeclaredThere_whenFollowed_thenChangedHere() throws Exception {
        Node there = node();
        there.catalog().add("meter", "m1", Map.of("host", "h"));
        there.catalog().save();
        Node here = node();

        Device declared = there.catalog().declareStreams("m1", List.of(new StreamSpec("ST2", "FREQ", "Hz")));
        FollowedChanges changes = here.follow();

        assertEquals(Set.of("meter:h:4712"), changes.changed());
        assertEquals(List.of(declared), here.catalog().devices());
        assertEquals(List.of(declared), here.catalog().pendingDevices());
    }

    @Test
    void givenAliasAddedHereAndSavedThereForAnotherDevice_whenSavedHere_thenRefusedNamingBothAndNothingWritten()
            throws Exception {
        Node here = node();
        Node there = node();
        here.registry().add("10.0.0.1", "P1", "soda", false);
        here.catalog().add("meter", "m1", Map.of("host", "h1"));
        there.registry().add("10.0.0.2", "P2", "soda", false);
        there.catalog().add("meter", "m1", Map.of("host", "h2"));
        there.registry().save();
        here.follow();

        RegistryException upmus =
                assertThrows(RegistryException.class, () -> here.registry().save());
        here.registry().remove("P1");
        RegistryException others =
                assertThrows(RegistryException.class, () -> here.catalog().save());

        assertTrue(upmus.getMessage().endsWith("[alias=soda, serials=P1,P2]"), upmus.getMessage());
        assertTrue(
                others.getMessage().endsWith("[alias=m1, devices=meter:h1:4712,meter:h2:4712]"), others.getMessage());
        assertEquals(
                Set.of("P2"),
                Set.copyOf(node().registry().devices().stream()
                        .map(RegisteredDevice::serial)
                        .toList()));
        assertEquals(
                List.of("meter:h2:4712"),
                node().catalog().devices("meter").stream()
                        .map(d -> "meter:" + d.id())
                        .toList());
    }

    @Test
    void givenMongoDown_whenFollowed_thenDevicesKeptAndFollowingResumesOnceBack() throws Exception {
        Node here = node();
        here.registry().add("10.0.0.1", "P1", "soda", false);
        here.registry().save();
        List<FollowedChanges> results = new ArrayList<>();
        RegistryFollower follower = new RegistryFollower(here.registry()::follow, Duration.ofSeconds(5));
        InetSocketAddress address = server.getLocalAddress();
        server.shutdownNow();

        results.add(follower.followOnce());
        results.add(follower.followOnce());

        assertEquals(List.of(FollowedChanges.NONE, FollowedChanges.NONE), results);
        assertTrue(here.registry().bySerial("P1").isPresent());
        server = new MongoServer(H2Backend.inMemory());
        server.bind(address.getHostString(), address.getPort());
        FollowedChanges back = follower.followOnce();
        assertEquals(Set.of("P1"), back.removed(), "the new, empty database holds no device");
        assertTrue(here.registry().devices().isEmpty());
    }
}
