// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import static io.qss.sync.internal.SyncEngineTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.DatStream;
import io.qss.dat.tools.sim.SyntheticDat;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceException;
import io.qss.device.IngestResult;
import io.qss.device.SampleSink;
import io.qss.device.upmu.internal.UpmuDeviceType;
import io.qss.receiver.internal.SpoolImpl;
import io.qss.registry.RegisteredDevice;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import io.qss.sync.DeviceSyncStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device types coming, going and being replaced while sync runs, against a real spool and store. */
class SyncEngineTypeSwapTest {

    private static final long START = 1_780_000_020L;
    private static final long SAMPLES_PER_FILE = 60 * 120;
    private static final String PAUSED = "paused: device type upmu not installed";

    @TempDir
    Path dir;

    private final FakeRegistry registry = new FakeRegistry();
    private TimeSeriesStoreImpl store;
    private SpoolImpl spool;
    private SyncEngine engine;

    @BeforeEach
    void start() throws Exception {
        store = TimeSeriesStoreImpl.open(FileVolumes.open(dir.resolve("store")), StoreOptions.defaults());
        spool = new SpoolImpl(dir.resolve("raw"), () -> true);
        spool.addListener(f -> engine.spooled(f));
        engine = new SyncEngine(spool, registry, store, 2, 2, 200);
        engine.start();
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        store.close();
    }

    @Test
    void givenTypeAbsent_whenFilesArrive_thenPausedNothingMarkedAndResumedWhenTypeArrives() throws Exception {
        RegisteredDevice d = registry.put("P3700001", "p", false);
        engine.refresh();
        send(d, 0, 3);

        await(() -> status().pending() == 3, "3 files pending");
        Thread.sleep(500);
        DeviceSyncStatus paused = status();
        assertEquals(PAUSED, paused.paused());
        assertEquals(3, paused.pending());
        assertEquals(0, paused.synced());
        assertEquals(0, paused.failed());
        assertEquals("", paused.lastError());
        assertEquals(0, count(d));

        engine.addType("upmu", new UpmuDeviceType());

        await(() -> status().synced() == 3, "3 files synced once the type arrived");
        assertEquals("", status().paused());
        assertEquals(3 * SAMPLES_PER_FILE, count(d));
    }

    @Test
    void givenOtherTypeOnly_whenFilesArrive_thenItIsNeverAskedAndTheDeviceWaitsForItsOwn() throws Exception {
        AtomicInteger otherCalls = new AtomicInteger();
        engine.addType("c37118", new GatedDeviceType() {
            @Override
            public IngestResult ingestFile(DeviceDescriptor device, Path file, SampleSink sink) throws DeviceException {
                otherCalls.incrementAndGet();
                return super.ingestFile(device, file, sink);
            }
        });
        RegisteredDevice d = registry.put("P3700002", "o", false);
        engine.refresh();
        send(d, 0, 1);

        await(() -> status().pending() == 1 && status().isPaused(), "paused");
        engine.addType("upmu", new UpmuDeviceType());

        await(() -> status().synced() == 1, "synced by the uPMU type");
        assertEquals(0, otherCalls.get());
        assertEquals(SAMPLES_PER_FILE, count(d));
    }

    @Test
    void givenTypeLeavesDuringIngest_whenBack_thenFileIngestedAgainWithoutDuplicates() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GatedDeviceType leaving = new GatedDeviceType(entered, release);
        engine.addType("upmu", leaving);
        RegisteredDevice d = registry.put("P3700003", "l", false);
        engine.refresh();
        send(d, 0, 1);

        entered.await();
        engine.removeType("upmu", leaving);
        release.countDown();

        await(() -> status().pending() == 1 && status().isPaused(), "file back to pending, device paused");
        Thread.sleep(300);
        assertEquals(0, status().synced(), "a file ingested by a type that left is not marked synced");
        assertEquals(0, status().failed());
        assertEquals(SAMPLES_PER_FILE, count(d), "what the leaving type delivered stays, once");

        engine.addType("upmu", new UpmuDeviceType());

        await(() -> status().synced() == 1 && status().pending() == 0, "ingested again");
        assertEquals(SAMPLES_PER_FILE, count(d), "equal times replaced: no duplicates");
    }

    @Test
    void givenTypeReplacedDuringIngest_whenOldOneLeaves_thenNewOneIngestsAgainAndNoPause() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GatedDeviceType old = new GatedDeviceType(entered, release);
        engine.addType("upmu", old);
        RegisteredDevice d = registry.put("P3700004", "u", false);
        engine.refresh();
        send(d, 0, 2);

        entered.await();
        engine.addType("upmu", new UpmuDeviceType());
        release.countDown();
        engine.removeType("upmu", old);

        await(() -> status().synced() == 2 && status().pending() == 0, "both files synced by the new type");
        assertEquals("", status().paused());
        assertEquals(2 * SAMPLES_PER_FILE, count(d));
    }

    @Test
    void givenTypeThrowingUnexpectedly_whenFixedOneArrives_thenFileWaitedAndIsSyncedNotFailed() throws Exception {
        GatedDeviceType broken = new GatedDeviceType() {
            @Override
            public IngestResult ingestFile(DeviceDescriptor device, Path file, SampleSink sink) {
                throw new IllegalStateException("bundle is stopping");
            }
        };
        engine.addType("upmu", broken);
        RegisteredDevice d = registry.put("P3700005", "b", false);
        engine.refresh();
        send(d, 0, 1);

        await(() -> !status().lastError().isEmpty(), "error reported");
        DeviceSyncStatus s = status();
        assertTrue(s.lastError().startsWith("device type failed [type=upmu, serial=P3700005"), s.lastError());
        assertTrue(s.lastError().contains("bundle is stopping"), s.lastError());
        assertEquals(1, s.pending());
        assertEquals(0, s.failed());

        engine.removeType("upmu", broken);
        engine.addType("upmu", new UpmuDeviceType());

        await(() -> status().synced() == 1, "synced by the fixed type");
        assertEquals(0, status().failed());
        assertEquals(SAMPLES_PER_FILE, count(d));
    }

    private DeviceSyncStatus status() {
        List<DeviceSyncStatus> all = engine.status();
        return all.isEmpty() ? new DeviceSyncStatus("", "", 0, -1, 0, 0, null, "", List.of()) : all.get(0);
    }

    private long count(RegisteredDevice d) throws Exception {
        return store.count(
                d.streamUuids().get(DatStream.L1MAG.streamName()),
                TimeSeriesStore.MIN_TIME,
                TimeSeriesStore.MAX_TIME,
                Version.LATEST);
    }

    private void send(RegisteredDevice d, int first, int files) throws Exception {
        SyntheticDat sim =
                SyntheticDats.generator(SyntheticDatOptions.of(d.serial().hashCode(), false));
        for (int i = first; i < first + files; i++) {
            long t = START + 60L * i;
            spool.store(d.serial(), SyntheticDat.relativePath(d.serial(), t), sim.generateFile(t, 60));
        }
    }
}
