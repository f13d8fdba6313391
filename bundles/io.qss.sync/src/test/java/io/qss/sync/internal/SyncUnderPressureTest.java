// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.DatStream;
import io.qss.dat.tools.sim.SyntheticDat;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync into a store whose buffer budget holds about half a file's points: inserts wait for the committer, files wait
 * in the spool meanwhile, none is marked failed, every point arrives once, and the buffers never hold more than their
 * budget plus the inserts in flight (a file per worker).
 */
class SyncUnderPressureTest {

    private static final long START = 1_780_000_020L;
    private static final long BUDGET = 1L << 20;
    private static final int WORKERS = 4;

    @TempDir
    Path dir;

    private final FakeRegistry registry = new FakeRegistry();
    private TimeSeriesStoreImpl store;
    private SyncEngine engine;

    @BeforeEach
    void start() throws Exception {
        store = TimeSeriesStoreImpl.open(
                FileVolumes.open(dir.resolve("store")), StoreOptions.defaults().withBuffer(BUDGET, 10_000));
        SpoolImpl spool = new SpoolImpl(dir.resolve("raw"), () -> true);
        spool.addListener(f -> engine.spooled(f));
        engine = new SyncEngine(spool, registry, store, WORKERS, 2, 200);
        engine.addType("upmu", new UpmuDeviceType());
        engine.start();
        List<RegisteredDevice> devices = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            devices.add(registry.put("P35000" + (10 + i), "dev" + i, isExtended(i)));
        }
        engine.refresh();
        for (int i = 0; i < devices.size(); i++) {
            RegisteredDevice d = devices.get(i);
            SyntheticDat sim =
                    SyntheticDats.generator(SyntheticDatOptions.of(d.serial().hashCode(), isExtended(i)));
            for (int f = 0; f < 4; f++) {
                long t = START + 60L * f;
                spool.store(d.serial(), SyntheticDat.relativePath(d.serial(), t), sim.generateFile(t, 60));
            }
        }
    }

    private static boolean isExtended(int device) {
        return device % 2 == 0;
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        store.close();
    }

    @Test
    void givenTinyBufferBudget_whenManyFilesSpooled_thenAllSyncedOnceNoneFailedAndBudgetKept() throws Exception {
        SyncEngineTest.await(
                () -> engine.status().stream()
                                .mapToLong(DeviceSyncStatus::synced)
                                .sum()
                        == 24,
                "all 24 files synced");

        for (DeviceSyncStatus s : engine.status()) {
            assertEquals(0, s.failed(), s.alias() + " " + s.failures());
        }
        for (RegisteredDevice d : registry.devices()) {
            for (DatStream s : DatStream.values()) {
                if (d.streamUuids().containsKey(s.streamName())) {
                    assertEquals(
                            4 * 60 * 120,
                            store.count(
                                    d.streamUuids().get(s.streamName()),
                                    TimeSeriesStore.MIN_TIME,
                                    TimeSeriesStore.MAX_TIME,
                                    Version.LATEST),
                            d.alias() + " " + s.streamName());
                }
            }
        }
        long inFlight = WORKERS * DatStream.values().length * (16L * 7200 + 96); // a file per worker
        long peak = store.bufferUsage().peakBytes();
        assertTrue(peak <= BUDGET + inFlight, "buffers held " + peak + " bytes, budget " + BUDGET);
    }
}
