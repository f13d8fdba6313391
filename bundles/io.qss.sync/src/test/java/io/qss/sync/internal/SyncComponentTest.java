// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import static io.qss.sync.internal.SyncEngineTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.dat.tools.sim.SyntheticDat;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import io.qss.device.DeviceType;
import io.qss.device.upmu.internal.UpmuDeviceType;
import io.qss.receiver.internal.SpoolImpl;
import io.qss.registry.RegisteredDevice;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import io.qss.sync.DeviceSyncStatus;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component against a real spool, store and an in-memory MongoDB (the embedded server's H2 backend). */
class SyncComponentTest {

    private static final long START = 1_780_000_020L;
    private static final long POINTS_PER_BASE_FILE = 13L * 60 * 120;

    @TempDir
    Path dir;

    private final FakeRegistry registry = new FakeRegistry();
    private MongoServer server;
    private MongoClient client;
    private TimeSeriesStoreImpl store;
    private SpoolImpl spool;
    private SyncComponent sync;

    @BeforeEach
    void start() throws Exception {
        server = new MongoServer(H2Backend.inMemory());
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        store = TimeSeriesStoreImpl.open(FileVolumes.open(dir.resolve("store")), StoreOptions.defaults());
        spool = new SpoolImpl(dir.resolve("raw"), () -> true);
    }

    @AfterEach
    void stop() throws Exception {
        if (sync != null) {
            sync.deactivate();
        }
        store.close();
        client.close();
        server.shutdownNow();
    }

    @Test
    void givenSyncedFiles_whenComponentRestarted_thenLastSyncedAndPointsKeptAndLatestTimesNeverWritten()
            throws Exception {
        RegisteredDevice d = registry.put("P3600001", "r", false);
        sync = component(new UpmuDeviceType(), 1000, 10);
        await(() -> sync.status().size() == 1, "device followed");
        send(d, 0, 2);
        await(() -> status().synced() == 2, "2 files synced");
        Instant lastSynced = status().lastSynced();
        await(() -> saved(d).get("points_synced", 0L) == 2 * POINTS_PER_BASE_FILE, "figures saved");

        sync.deactivate();
        sync = component(new UpmuDeviceType(), 1000, 10);

        await(() -> !sync.status().isEmpty() && status().lastSynced() != null, "last synced restored");
        assertEquals(lastSynced.truncatedTo(ChronoUnit.MILLIS), status().lastSynced());
        assertEquals(2 * POINTS_PER_BASE_FILE, status().points());
        assertEquals(2, status().synced());
        send(d, 2, 1);
        await(() -> status().points() == 3 * POINTS_PER_BASE_FILE, "third file counted on top");
        assertEquals(0, latestTimes().countDocuments(), "sync never writes latest_times");
    }

    @Test
    void givenFiguresInLatestTimes_whenStarted_thenCarriedOverOnceAndLatestTimesUntouched() throws Exception {
        Document legacy = new Document("_id", "P3600002")
                .append("serial_number", "P3600002")
                .append("files_received", 9)
                .append("files_pending", 1)
                .append("files_synced", 7)
                .append("files_failed", 1)
                .append("sync_error", "store insert failed");
        latestTimes().insertOne(legacy);

        sync = component(new UpmuDeviceType(), 1000, 10);

        await(
                () -> client.getDatabase("upmu_database")
                                .getCollection("sync_status")
                                .countDocuments(Filters.eq("_id", "P3600002"))
                        == 1,
                "figures carried over");
        Document copied = client.getDatabase("upmu_database")
                .getCollection("sync_status")
                .find(Filters.eq("_id", "P3600002"))
                .first();
        assertNotNull(copied);
        assertEquals(7, copied.getInteger("files_synced"));
        assertEquals("store insert failed", copied.getString("sync_error"));
        assertEquals("latest_times", copied.getString("migrated_from"));
        assertEquals(legacy, latestTimes().find().first());
    }

    @Test
    void givenSyncFallingBehind_whenHealthRead_thenDegradedWithBacklogUntilDrained() throws Exception {
        RegisteredDevice d = registry.put("P3600003", "slow", false);
        SyntheticDat sim = SyntheticDats.generator(SyntheticDatOptions.of(3, false));
        for (int i = 0; i < 3; i++) {
            Path f = spool.deviceDirectory(d.serial()).resolve(SyntheticDat.relativePath(d.serial(), START + 60L * i));
            Files.createDirectories(f.getParent());
            Files.write(f, sim.generateFile(START + 60L * i, 60));
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(Duration.ofMinutes(30 - i))));
        }
        CountDownLatch release = new CountDownLatch(1);
        DeviceType held = new GatedDeviceType(null, release);
        sync = component(held, 1000, 10);

        await(
                () -> sync.health().state() == HealthState.DEGRADED
                        && sync.health().figures().get("pending").equals(2),
                "backlog reported while the first file is being ingested");
        HealthReport behind = sync.health();
        assertTrue(
                behind.detail().startsWith("sync is behind by 29 min: 2 spooled files not yet synced"),
                behind.detail());
        assertEquals(29L, behind.figures().get("oldestPendingMinutes"));

        release.countDown();

        await(() -> sync.health().state() == HealthState.UP, "backlog cleared");
        assertEquals(0, sync.health().figures().get("pending"));
        assertTrue(
                (Double) sync.health().figures().get("filesPerSecond") > 0,
                sync.health().figures().toString());
    }

    @Test
    void givenNoDeviceType_whenFilesArrive_thenHealthSaysPausedUntilTheTypeIsBound() throws Exception {
        RegisteredDevice d = registry.put("P3600004", "waiting", false);
        sync = component(null, 1000, 10);
        await(() -> sync.status().size() == 1, "device followed");
        send(d, 0, 2);

        await(() -> status().pending() == 2, "files pending");
        HealthReport paused = sync.health();
        assertEquals(HealthState.DEGRADED, paused.state());
        assertEquals("paused: device type upmu not installed [devices=1]", paused.detail());
        assertEquals("paused: device type upmu not installed", status().paused());
        assertEquals(0, status().failed());

        UpmuDeviceType upmu = new UpmuDeviceType();
        sync.addDeviceType(upmu, Map.of(DeviceType.TYPE_PROPERTY, "upmu"));

        await(() -> status().synced() == 2, "synced once the type is bound");
        assertEquals(HealthState.UP, sync.health().state());
        sync.removeDeviceType(upmu, Map.of(DeviceType.TYPE_PROPERTY, "upmu"));
        assertEquals(HealthState.DEGRADED, sync.health().state());
    }

    private DeviceSyncStatus status() {
        return sync.status().get(0);
    }

    private Document saved(RegisteredDevice d) {
        Document doc = client.getDatabase("upmu_database")
                .getCollection("sync_status")
                .find(Filters.eq("_id", d.serial()))
                .first();
        return doc == null ? new Document() : doc;
    }

    private MongoCollection<Document> latestTimes() {
        return client.getDatabase("upmu_database").getCollection("latest_times");
    }

    private void send(RegisteredDevice d, int first, int files) throws Exception {
        SyntheticDat sim =
                SyntheticDats.generator(SyntheticDatOptions.of(d.serial().hashCode(), false));
        for (int i = first; i < first + files; i++) {
            long t = START + 60L * i;
            spool.store(d.serial(), SyntheticDat.relativePath(d.serial(), t), sim.generateFile(t, 60));
        }
    }

    private SyncComponent component(DeviceType type, int backlogFiles, int backlogMinutes) {
        SyncComponent c = new SyncComponent(store, registry, spool, client, new SyncComponent.Config() {
            @Override
            public int workers() {
                return 2;
            }

            @Override
            public int filesPerTurn() {
                return 2;
            }

            @Override
            public long refreshMillis() {
                return 200;
            }

            @Override
            public int backlogFiles() {
                return backlogFiles;
            }

            @Override
            public int backlogMinutes() {
                return backlogMinutes;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return SyncComponent.Config.class;
            }
        });
        if (type != null) {
            c.addDeviceType(type, Map.of(DeviceType.TYPE_PROPERTY, type.typeId()));
        }
        c.activate();
        return c;
    }
}
