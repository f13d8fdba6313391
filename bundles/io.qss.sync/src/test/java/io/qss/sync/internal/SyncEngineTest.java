// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.DatCodecs;
import io.qss.dat.DatColumns;
import io.qss.dat.DatStream;
import io.qss.dat.tools.sim.SyntheticDat;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import io.qss.device.upmu.internal.UpmuDeviceType;
import io.qss.receiver.Spool;
import io.qss.receiver.internal.SpoolImpl;
import io.qss.registry.RegisteredDevice;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import io.qss.sync.DeviceSyncStatus;
import io.qss.sync.ImportReport;
import io.qss.sync.RefusedFile;
import io.qss.sync.SyncException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncEngineTest {

    private static final long START = 1_780_000_020L;

    @TempDir
    Path dir;

    private final FakeRegistry registry = new FakeRegistry();
    private TimeSeriesStoreImpl store;
    private SpoolImpl spool;
    private SyncEngine engine;

    @BeforeEach
    void start() throws Exception {
        store = TimeSeriesStoreImpl.open(FileVolumes.open(dir.resolve("store")), StoreOptions.defaults());
        openEngine();
    }

    private void openEngine() throws Exception {
        spool = new SpoolImpl(dir.resolve("raw"), () -> true);
        spool.addListener(f -> engine.spooled(f));
        engine = new SyncEngine(spool, registry, store, 2, 2, 200);
        engine.addType("upmu", new UpmuDeviceType());
        engine.start();
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        store.close();
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private DeviceSyncStatus status(String alias) {
        return engine.status().stream()
                .filter(s -> s.alias().equals(alias))
                .findFirst()
                .orElseThrow();
    }

    /** Health's totals, summed without building statuses, agree with the totals of the statuses operators see. */
    private void assertTotalsAgreeWithStatuses() {
        SyncTotals summed = SyncHealth.totals();
        engine.addTo(summed);
        SyncTotals fromStatuses = SyncHealth.totals();
        engine.status().forEach(fromStatuses::add);
        assertEquals(fromStatuses.devices(), summed.devices());
        assertEquals(fromStatuses.pending(), summed.pending());
        assertEquals(fromStatuses.oldestPending(), summed.oldestPending());
        assertEquals(fromStatuses.synced(), summed.synced());
        assertEquals(fromStatuses.failed(), summed.failed());
        assertEquals(fromStatuses.mismatches(), summed.mismatches());
        assertEquals(fromStatuses.firstMismatches(), summed.firstMismatches());
        assertEquals(fromStatuses.pausedByReason(), summed.pausedByReason());
    }

    private long count(RegisteredDevice d, DatStream s) throws Exception {
        return store.count(
                d.streamUuids().get(s.streamName()),
                TimeSeriesStore.MIN_TIME,
                TimeSeriesStore.MAX_TIME,
                Version.LATEST);
    }

    private List<byte[]> send(RegisteredDevice d, boolean isExtended, int files) throws Exception {
        SyntheticDat sim =
                SyntheticDats.generator(SyntheticDatOptions.of(d.serial().hashCode(), isExtended));
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            long t = START + 60L * i;
            byte[] data = sim.generateFile(t, 60);
            spool.store(d.serial(), SyntheticDat.relativePath(d.serial(), t), data);
            out.add(data);
        }
        return out;
    }

    @Test
    void givenSpooledFiles_whenSynced_thenSpoolToldOfEachOnceItsPointsAreStored() throws Exception {
        List<String> ingested = new CopyOnWriteArrayList<>();
        List<Long> pointsWhenTold = new CopyOnWriteArrayList<>();
        RegisteredDevice d = registry.put("P3500001", "ext", true);
        engine.close();
        Spool recording = (Spool) Proxy.newProxyInstance(
                Spool.class.getClassLoader(), new Class<?>[] {Spool.class}, (proxy, method, args) -> {
                    if (method.getName().equals("ingested")) {
                        // the count first: the test waits for the second name, then reads both lists
                        pointsWhenTold.add(count(d, DatStream.L1MAG));
                        ingested.add(args[0] + ":" + args[1]);
                    }
                    try {
                        return method.invoke(spool, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        engine = new SyncEngine(recording, registry, store, 2, 2, 200);
        engine.addType("upmu", new UpmuDeviceType());
        engine.start();
        engine.refresh();

        send(d, true, 2);

        await(() -> status("ext").synced() == 2, "2 files synced");
        await(() -> ingested.size() == 2, "spool told twice");
        assertEquals(
                List.of(
                        "P3500001:" + SyntheticDat.relativePath("P3500001", START),
                        "P3500001:" + SyntheticDat.relativePath("P3500001", START + 60)),
                ingested);
        assertEquals(List.of(60L * 120, 2L * 60 * 120), pointsWhenTold, "told only once the file's points are in");
    }

    @Test
    void givenSpooledFiles_whenSynced_thenStoreHoldsEveryDecodedPoint() throws Exception {
        RegisteredDevice d = registry.put("P3500001", "ext", true);
        engine.refresh();

        List<byte[]> files = send(d, true, 3);

        await(() -> status("ext").synced() == 3, "3 files synced");
        for (DatStream s : DatStream.values()) {
            assertEquals(3 * 60 * 120, count(d, s), s.streamName());
        }
        DatColumns expected = DatCodecs.decoder().decodeColumns(files.get(1), "f1");
        List<Double> got = new ArrayList<>();
        UUID l1 = d.streamUuids().get("L1MAG");
        store.rawValues(
                l1,
                expected.times()[0],
                expected.times()[expected.size() - 1] + 1,
                Version.LATEST,
                (t, v, from, to) -> {
                    for (int i = from; i < to; i++) {
                        got.add(v[i]);
                    }
                    return true;
                });
        assertArrayEquals(
                expected.values(DatStream.L1MAG),
                got.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void givenSyncedFiles_whenGenerationRaised_thenReingestedWithoutDuplicates() throws Exception {
        RegisteredDevice d = registry.put("P3500002", "base", false);
        engine.refresh();
        send(d, false, 2);
        await(() -> status("base").synced() == 2, "2 files synced");

        registry.raiseGeneration("base");
        engine.rescan("P3500002");

        await(() -> status("base").generation() == 2 && status("base").synced() == 2, "re-ingest");
        assertEquals(2 * 60 * 120, count(d, DatStream.C3ANG));
    }

    @Test
    void givenCorruptFileAmongGood_whenSynced_thenMarkedFailedWithReasonAndOthersSynced() throws Exception {
        RegisteredDevice d = registry.put("P3500003", "c", false);
        engine.refresh();
        spool.store(d.serial(), "2026/01/01/00/a_corrupt.dat", new byte[7000]);
        send(d, false, 2);

        await(() -> status("c").synced() == 2 && status("c").failed() == 1, "2 synced, 1 failed");
        DeviceSyncStatus s = status("c");
        assertEquals("2026/01/01/00/a_corrupt.dat", s.failures().get(0).path());
        assertTrue(
                s.failures().get(0).reason().contains("no valid record"),
                s.failures().get(0).reason());
        assertTotalsAgreeWithStatuses();
    }

    @Test
    void givenRestart_whenStateKept_thenNothingIngestedTwiceAndUnsyncedFilesPickedUp() throws Exception {
        RegisteredDevice d = registry.put("P3500004", "r", false);
        engine.refresh();
        send(d, false, 2);
        await(() -> status("r").synced() == 2, "2 synced");
        engine.close();
        byte[] extra = SyntheticDats.generator(SyntheticDatOptions.of(1, false)).generateFile(START + 600, 60);
        Path late = spool.deviceDirectory(d.serial()).resolve("2027/late.dat");
        Files.createDirectories(late.getParent());
        Files.write(late, extra);

        openEngine();
        engine.refresh();

        await(() -> status("r").synced() == 3 && status("r").pending() == 0, "late file synced after restart");
        assertEquals(3 * 60 * 120, count(d, DatStream.L1MAG));
    }

    @Test
    void givenBaseDeviceSendingExtendedFiles_whenSynced_thenBaseKeptMismatchShownAndAllIngestedOnceSwitched()
            throws Exception {
        RegisteredDevice d = registry.put("P3500007", "mis", false);
        engine.refresh();

        send(d, true, 2);

        await(() -> status("mis").synced() == 2, "2 files synced");
        assertEquals(
                "device mis registered base, sends extended files: run upmu:setext mis true, then upmu:save "
                        + "[serial=P3500007]",
                status("mis").configMismatch());
        assertEquals(2 * 60 * 120, count(d, DatStream.C3ANG));
        assertEquals(2L * 13 * 60 * 120, status("mis").points());
        assertTotalsAgreeWithStatuses();

        RegisteredDevice extended = registry.setExtended("mis", true);
        engine.refresh();

        await(
                () -> status("mis").configMismatch().isEmpty()
                        && status("mis").pending() == 0
                        && status("mis").points() == 2L * (13 + 19) * 60 * 120,
                "spooled files ingested again, extended");
        for (DatStream s : DatStream.values()) {
            assertEquals(2 * 60 * 120, count(extended, s), s.streamName());
        }
    }

    @Test
    void givenExtendedDeviceSendingBaseFiles_whenSynced_thenBaseKeptAndMismatchShownAfterRestart() throws Exception {
        RegisteredDevice d = registry.put("P3500008", "mis2", true);
        engine.refresh();

        send(d, false, 1);

        await(() -> status("mis2").synced() == 1, "file synced");
        assertEquals(60 * 120, count(d, DatStream.L1MAG));
        assertEquals(0, count(d, DatStream.FUND_W));
        String mismatch = "device mis2 registered extended, sends base files: run upmu:setext mis2 false, then "
                + "upmu:save [serial=P3500008]";
        assertEquals(mismatch, status("mis2").configMismatch());

        engine.close();
        openEngine();
        engine.refresh();

        assertEquals(mismatch, status("mis2").configMismatch());
        assertEquals(0, status("mis2").pending());
    }

    @Test
    void givenUnregisteredSerial_whenSpooled_thenKeptButNotIngested() throws Exception {
        spool.store(
                "P9999999",
                "x.dat",
                SyntheticDats.generator(SyntheticDatOptions.of(1, false)).generateFile(START, 1));
        engine.refresh();

        assertTrue(engine.status().isEmpty());
        assertTrue(Files.exists(spool.deviceDirectory("P9999999").resolve("x.dat")));
    }

    @Test
    void givenFolderOfDatFiles_whenImportedTwice_thenSecondRunSkipsAndDataSynced() throws Exception {
        RegisteredDevice d = registry.put("P3500005", "imp", false);
        engine.refresh();
        SyntheticDat sim = SyntheticDats.generator(SyntheticDatOptions.of(5, false));
        Path source = dir.resolve("upmu_data");
        for (int i = 0; i < 3; i++) {
            Path f = source.resolve(SyntheticDat.relativePath(d.serial(), START + 60L * i));
            Files.createDirectories(f.getParent());
            Files.write(f, sim.generateFile(START + 60L * i, 60));
        }
        Files.write(source.resolve("stray.dat"), new byte[10]);
        DatImporter importer = new DatImporter(spool, registry);

        ImportReport first = importer.run(source, null, (n, total, p, o) -> {});
        ImportReport second = importer.run(source, null, (n, total, p, o) -> {});

        assertEquals(
                List.of(4, 3, 0, 1), List.of(first.files(), first.imported(), first.skipped(), first.unassigned()));
        assertEquals("stray.dat", first.refused().get(0).path());
        assertEquals(3, second.skipped());
        await(() -> status("imp").synced() == 3, "imported files synced");
        assertEquals(3 * 60 * 120, count(d, DatStream.LSTATE));
    }

    /**
     * Three serials in one folder: A and B registered (B under the alias "P3001071", the serial of C), C not. However
     * the import is asked, every file lands under the serial its path names or is refused: A's streams hold A's data
     * and the unnamed file, B's hold B's, C gets nothing.
     */
    @Test
    void givenMixedFolder_whenImportedForOneSerialThenForAll_thenNoFileUnderAnotherSerialsStreams() throws Exception {
        RegisteredDevice a = registry.put("P3001035", "soda_a", false);
        RegisteredDevice b = registry.put("P3001236", "P3001071", false);
        engine.refresh();
        Path source = dir.resolve("mixed");
        writeDat(source.resolve("upmu_data/2016/09/19/14/P3001035_20160919_140000.dat"), START);
        writeDat(source.resolve("loose/file1.dat"), START + 60);
        writeDat(source.resolve("upmu_data/2016/09/19/14/P3001236_0.dat"), START + 600);
        writeDat(source.resolve("P3001236/upmu_data/2016/09/19/15/data_1.dat"), START + 660);
        writeDat(source.resolve("upmu_data/2016/09/19/14/P3001071_2016-09-19T14:00:00.dat"), START + 1200);
        writeDat(source.resolve("P3001035/P3001236_9.dat"), START + 1800);
        DatImporter importer = new DatImporter(spool, registry);

        SyncException aliasGiven =
                assertThrows(SyncException.class, () -> importer.run(source, "P3001071", (n, total, p, o) -> {}));
        ImportReport forA = importer.run(source, "P3001035", (n, total, p, o) -> {});
        ImportReport forAll = importer.run(source, null, (n, total, p, o) -> {});

        assertTrue(aliasGiven.getMessage().startsWith("no device with serial P3001071"), aliasGiven.getMessage());
        assertEquals(2, forA.imported());
        assertEquals(
                List.of(
                        "P3001035/P3001236_9.dat",
                        "P3001236/upmu_data/2016/09/19/15/data_1.dat",
                        "upmu_data/2016/09/19/14/P3001071_2016-09-19T14:00:00.dat",
                        "upmu_data/2016/09/19/14/P3001236_0.dat"),
                forA.refused().stream().map(RefusedFile::path).toList());
        assertEquals("P3001236", forA.refused().get(3).namedSerial());
        assertEquals("P3001035", forA.refused().get(3).askedSerial());
        assertEquals(List.of(2, 1), List.of(forAll.imported(), forAll.skipped()));
        assertEquals(
                List.of(
                        "P3001035/P3001236_9.dat",
                        "loose/file1.dat",
                        "upmu_data/2016/09/19/14/P3001071_2016-09-19T14:00:00.dat"),
                forAll.refused().stream().map(RefusedFile::path).toList());
        await(() -> status("soda_a").synced() == 2 && status("P3001071").synced() == 2, "imported files synced");
        for (DatStream s : DatStream.streams(false)) {
            assertEquals(2 * 60 * 120, count(a, s), s.streamName());
            assertEquals(2 * 60 * 120, countBetween(a, s, START, START + 120), s.streamName());
            assertEquals(2 * 60 * 120, count(b, s), s.streamName());
            assertEquals(2 * 60 * 120, countBetween(b, s, START + 600, START + 720), s.streamName());
        }
        assertFalse(Files.exists(spool.deviceDirectory("P3001071")));
    }

    private long countBetween(RegisteredDevice d, DatStream s, long fromSecond, long toSecond) throws Exception {
        return store.count(
                d.streamUuids().get(s.streamName()),
                fromSecond * 1_000_000_000L,
                toSecond * 1_000_000_000L,
                Version.LATEST);
    }

    private static void writeDat(Path file, long startSecond) throws Exception {
        Files.createDirectories(file.getParent());
        byte[] data = SyntheticDats.generator(SyntheticDatOptions.of(startSecond, false))
                .generateFile(startSecond, 60);
        Files.write(file, data);
    }

    @Test
    void givenSyncedFiles_whenCleaned_thenCountedThenDeleted() throws Exception {
        RegisteredDevice d = registry.put("P3500006", "cl", false);
        engine.refresh();
        send(d, false, 2);
        await(() -> status("cl").synced() == 2, "2 synced");

        assertEquals(2, engine.clean(false).files());
        assertEquals(2 * 378_720L, engine.clean(true).bytes());

        assertEquals(0, engine.clean(false).files());
        assertEquals(0, status("cl").synced());
    }
}
