// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.Version;
import io.qss.store.api.spi.StoreBackend;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's data area on any backend: a restore replaces the store where the backend keeps it, with exactly the
 * export's points; a new database leaves an empty store; another writer makes it refuse and change nothing; a
 * replacement that stopped half-way is refused by the engine and completed by the next one. Subclasses say where
 * the store lives.
 */
abstract class StoreDataAreaContract {

    private static final long BASE = 1_700_000_000_000_000_000L;
    private static final StoreOptions OPTIONS = StoreOptions.defaults().withCommit(1_000_000, 3_600_000);

    @TempDir
    Path dir;

    private final UUID id = UUID.randomUUID();

    /** The backend under test (its {@code open} gives a volume of its own, as another process would have). */
    protected abstract StoreBackend backend();

    /** This test's location in the backend (one per test). */
    protected abstract String location();

    @Test
    void givenExport_whenReplaced_thenStoreOpensWithExactlyTheExportsPoints() throws Exception {
        Path export = storeWithExport(300, 200);
        String summary = area().replace(export, line -> {});
        assertTrue(summary.startsWith("store restored into " + backend().name() + " "), summary);
        try (TimeSeriesStoreImpl store = open()) {
            assertEquals(300, store.count(id, BASE, BASE + 10_000, Version.LATEST), "points after restore");
            assertEquals(1, store.streamCount());
        }
    }

    @Test
    void givenNoExport_whenReplaced_thenStoreIsEmpty() throws Exception {
        storeWithExport(300, 200);
        List<String> progress = new ArrayList<>();
        String summary = area().replace(null, progress::add);
        assertTrue(summary.startsWith("store emptied in " + backend().name()), summary);
        assertFalse(progress.isEmpty(), "no progress line");
        try (StoreVolume volume = backend().open(location())) {
            assertEquals(List.of(), volume.list(""), "objects left after newdb");
        }
        try (TimeSeriesStoreImpl store = open()) {
            assertEquals(0, store.streamCount());
        }
    }

    @Test
    void givenAnotherWriter_whenReplaced_thenRefusedNamingItAndNothingChanged() throws Exception {
        Path export = storeWithExport(300, 200);
        try (TimeSeriesStoreImpl writer = open()) {
            IOException refused = assertThrows(IOException.class, () -> area().replace(export, line -> {}));
            assertTrue(
                    refused.getMessage().contains("another process writes the store; nothing replaced"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("holder="), refused.getMessage());
            assertEquals(500, writer.count(id, BASE, BASE + 10_000, Version.LATEST));
            IOException emptying = assertThrows(IOException.class, () -> area().replace(null, line -> {}));
            assertTrue(emptying.getMessage().contains("nothing replaced"), emptying.getMessage());
        }
        try (TimeSeriesStoreImpl store = open()) {
            assertEquals(500, store.count(id, BASE, BASE + 10_000, Version.LATEST), "points after refusal");
        }
    }

    @Test
    void givenExportWithoutFormat_whenReplaced_thenRefusedAndNothingChanged() throws Exception {
        Path export = storeWithExport(300, 200);
        Files.delete(export.resolve(VolumeReplacement.FORMAT));
        IOException refused = assertThrows(IOException.class, () -> area().replace(export, line -> {}));
        assertTrue(refused.getMessage().contains("not a store export"), refused.getMessage());
        try (TimeSeriesStoreImpl store = open()) {
            assertEquals(500, store.count(id, BASE, BASE + 10_000, Version.LATEST));
        }
    }

    /** As if the process died after the marker and half of the deletions: the engine refuses, a new restore heals. */
    @Test
    void givenReplacementStoppedHalfway_whenOpened_thenRefusedUntilReplacedAgain() throws Exception {
        Path export = storeWithExport(300, 200);
        try (StoreVolume volume = backend().open(location())) {
            volume.replace(
                    VolumeReplacement.FORMAT, (VolumeReplacement.INCOMPLETE + "\n").getBytes(StandardCharsets.UTF_8));
            List<String> objects = volume.list("");
            for (int i = 0; i < objects.size(); i += 2) {
                if (!objects.get(i).equals(VolumeReplacement.FORMAT)) {
                    volume.delete(objects.get(i));
                }
            }
        }
        assertRefusedUntilReplacedAgain(export, 300);
    }

    /** A real failure while the objects are copied (the backend fails writing the log): refused until replaced. */
    @Test
    void givenWriteFailingMidCopy_whenReplaced_thenStoreRefusesToOpenUntilReplacedAgain() throws Exception {
        Path export = storeWithExport(300, 200);
        StoreBackend failing = failingWrites(backend(), "wal/");
        StoreDataArea area = new StoreDataArea(backend().name(), location(), failing);
        IOException failed = assertThrows(IOException.class, () -> area.replace(export, line -> {}));
        assertTrue(
                failed.getMessage().contains("refuses to open until a restore or newdb completes"),
                failed.getMessage());
        assertRefusedUntilReplacedAgain(export, 300);
    }

    @Test
    void givenBackendNotInstalled_whenReplaced_thenRefused() {
        StoreDataArea missing = new StoreDataArea("rados-not-here", location(), null);
        IOException refused = assertThrows(IOException.class, () -> missing.replace(null, line -> {}));
        assertTrue(
                refused.getMessage().contains("store backend not installed; nothing replaced"), refused.getMessage());
    }

    /** The store does not open, naming the marker; replaced again, it opens with the export's points. */
    private void assertRefusedUntilReplacedAgain(Path export, long points) throws Exception {
        StoreException refused = assertThrows(StoreException.class, this::open);
        assertTrue(refused.getMessage().contains("qss-store-restore-incomplete"), refused.getMessage());
        area().replace(export, line -> {});
        try (TimeSeriesStoreImpl store = open()) {
            assertEquals(points, store.count(id, BASE, BASE + 10_000, Version.LATEST));
        }
    }

    /** {@code real}, whose volumes fail to open objects named {@code prefix...} for writing, as a full disk. */
    private static StoreBackend failingWrites(StoreBackend real, String prefix) {
        return new StoreBackend() {
            @Override
            public String name() {
                return real.name();
            }

            @Override
            public StoreVolume open(String location) throws StoreException {
                StoreVolume volume = real.open(location);
                InvocationHandler handler = (proxy, method, args) -> {
                    if (method.getName().equals("openWritable") && ((String) args[0]).startsWith(prefix)) {
                        throw new StoreException(ErrorCode.IO_ERROR, "injected write failure [object=" + args[0] + "]");
                    }
                    try {
                        return method.invoke(volume, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                };
                return (StoreVolume) Proxy.newProxyInstance(
                        StoreVolume.class.getClassLoader(), new Class<?>[] {StoreVolume.class}, handler);
            }
        };
    }

    protected StoreDataArea area() {
        return new StoreDataArea(backend().name(), location(), backend());
    }

    protected TimeSeriesStoreImpl open() throws StoreException {
        return TimeSeriesStoreImpl.open(backend().open(location()), OPTIONS);
    }

    /**
     * A store with {@code before} points (half committed, half only in the log) exported, then {@code after} more
     * points, closed; returns the export.
     */
    protected Path storeWithExport(int before, int after) throws Exception {
        Path export = dir.resolve("export-" + UUID.randomUUID());
        try (TimeSeriesStoreImpl store = open()) {
            store.create(id, "area/test", Map.of("name", "s"), Map.of());
            insert(store, 0, before / 2);
            store.flush(id);
            insert(store, before / 2, before - before / 2);
            store.snapshot(export);
            insert(store, before, after);
        }
        return export;
    }

    private void insert(TimeSeriesStoreImpl store, int from, int count) throws StoreException {
        long[] t = new long[count];
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            t[i] = BASE + from + i;
            v[i] = from + i;
        }
        store.insert(id, t, v, 0, count, MergePolicy.NEVER);
    }
}
