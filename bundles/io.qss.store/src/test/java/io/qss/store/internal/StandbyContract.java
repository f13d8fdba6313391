// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StoreException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.spi.StoreVolume;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A store opened read-only beside its writer, and a {@link FailoverStore} taking over from a writer that dies,
 * on any backend: subclasses say where the store lives.
 */
abstract class StandbyContract {

    private static final long BASE = 1_600_000_000_000_000_000L;
    private static final StoreOptions OPTIONS = StoreOptions.defaults().withCommit(1_000_000, 3_600_000);

    private final UUID id = UUID.randomUUID();

    /** A fresh volume of this test's store (one location per test), as another process would open it. */
    protected abstract StoreVolume openVolume() throws StoreException;

    /** Longest a takeover may take after the writer is gone (a lease must expire on some backends). */
    protected abstract long takeoverMillis();

    @Test
    void givenWriterWithUncommittedPoints_whenOpenedReadOnly_thenReadsShowThemAndEveryWriteIsRefused()
            throws Exception {
        try (TimeSeriesStoreImpl writer = TimeSeriesStoreImpl.open(openVolume(), OPTIONS)) {
            writer.create(id, "standby/test", Map.of("name", "s"), Map.of());
            insert(writer, 0, 500);
            writer.flush(id);
            insert(writer, 500, 300); // acknowledged, in the write-ahead log only
            try (TimeSeriesStoreImpl reader = TimeSeriesStoreImpl.openReadOnly(openVolume(), OPTIONS, "qss-a:1")) {
                assertTrue(reader.isReadOnly());
                assertEquals(800, reader.count(id, BASE, BASE + 10_000, 0));
                assertEquals(points(0, 800), Collect.raw(reader, id, BASE, BASE + 10_000, 0));
                assertRefused(() -> insert(reader, 800, 1));
                assertRefused(() -> reader.create(UUID.randomUUID(), "x", Map.of(), Map.of()));
                assertRefused(() -> reader.delete(id, BASE, BASE + 10));
                assertRefused(() -> reader.flush(id));
                assertRefused(() -> reader.setTags(id, 0, "y", Map.of(), List.of()));
                assertRefused(() -> reader.obliterate(id));
                assertRefused(reader::compact);
                assertRefused(reader::checkpointMetadata);
            }
            insert(writer, 800, 200); // the reader touched none of the writer's objects
            writer.flush(id);
            assertEquals(1000, writer.count(id, BASE, BASE + 10_000, 0));
        }
        try (TimeSeriesStoreImpl reopened = TimeSeriesStoreImpl.open(openVolume(), OPTIONS)) {
            assertEquals(points(0, 1000), Collect.raw(reopened, id, BASE, BASE + 10_000, 0));
        }
    }

    @Test
    void givenActiveWriter_whenFailoverStoreOpens_thenStandbyFollowsTheWriterAndRefusesWrites() throws Exception {
        try (TimeSeriesStoreImpl writer = TimeSeriesStoreImpl.open(openVolume(), OPTIONS);
                FailoverStore standby = openStandbyBeside(writer)) {
            assertTrue(standby.isStandby());
            assertFalse(standby.leaseHolder().isEmpty());
            assertEquals(100, standby.count(id, BASE, BASE + 10_000, 0));
            StoreException refused = assertRefused(() -> insert(standby, 100, 1));
            assertTrue(refused.getMessage().contains(standby.leaseHolder()), refused.getMessage());
            insert(writer, 100, 50);
            waitFor(() -> count(standby) == 150, 10_000, "standby never showed the writer's new points");
            assertTrue(standby.isStandby());
        }
    }

    @Test
    void givenStandby_whenWriterDiesWithUncommittedPoints_thenStandbyTakesOverAndLosesNothing() throws Exception {
        TimeSeriesStoreImpl writer = TimeSeriesStoreImpl.open(openVolume(), OPTIONS);
        FailoverStore standby;
        try {
            standby = openStandbyBeside(writer);
            insert(writer, 100, 400); // acknowledged, never committed: only the write-ahead log has them
        } finally {
            writer.abandon(); // as if the process died: no commit, the lease goes with it
        }
        try (FailoverStore failover = standby) {
            waitFor(() -> !failover.isStandby(), takeoverMillis(), "standby never took over");
            assertTrue(failover.takeover().startsWith("took over from "), failover.takeover());
            assertEquals(points(0, 500), Collect.raw(failover, id, BASE, BASE + 10_000, 0));
            insert(failover, 500, 10);
            failover.flush(id);
            assertEquals(510, failover.count(id, BASE, BASE + 10_000, 0));
        }
        try (TimeSeriesStoreImpl reopened = TimeSeriesStoreImpl.open(openVolume(), OPTIONS)) {
            assertEquals(points(0, 510), Collect.raw(reopened, id, BASE, BASE + 10_000, 0));
        }
    }

    @Test
    void givenNoOtherWriter_whenFailoverStoreOpens_thenItWritesAtOnce() throws Exception {
        try (FailoverStore store = FailoverStore.open(this::openVolume, OPTIONS, 200, 100)) {
            assertFalse(store.isStandby());
            store.create(id, "standby/test", Map.of("name", "s"), Map.of());
            insert(store, 0, 10);
            assertEquals("", store.takeover());
        }
    }

    @Test
    void givenActiveStore_whenItLosesItsLease_thenWritesAreRefusedAndItWritesAgainOnceItWinsTheLease()
            throws Exception {
        List<FaultyVolume> opened = new CopyOnWriteArrayList<>();
        FailoverStore.VolumeSource source = faultyVolumes(opened);
        try (FailoverStore store = FailoverStore.open(source, OPTIONS, 200, 100)) {
            store.create(id, "standby/test", Map.of("name", "s"), Map.of());
            insert(store, 0, 10);
            opened.get(0).loseLease(); // as when the lease expired while the cluster did not answer
            StoreException refused = assertThrows(StoreException.class, () -> insert(store, 10, 1));
            assertEquals(ErrorCode.UNAVAILABLE, refused.code(), refused.getMessage());
            waitFor(() -> !store.takeover().isEmpty(), takeoverMillis(), "the store never won its lease back");
            assertFalse(store.isStandby());
            insert(store, 11, 5);
            assertEquals(15, store.count(id, BASE, BASE + 10_000, 0), "acknowledged points lost or doubled");
        }
        try (TimeSeriesStoreImpl reopened = TimeSeriesStoreImpl.open(openVolume(), OPTIONS)) {
            assertEquals(15, reopened.count(id, BASE, BASE + 10_000, 0));
        }
    }

    @Test
    void givenActiveStore_whenAnotherProcessTakesItsLease_thenItNamesTheNewHolderAsSoonAsItIsStandby()
            throws Exception {
        List<FaultyVolume> opened = new CopyOnWriteArrayList<>();
        FailoverStore.VolumeSource source = faultyVolumes(opened);
        // polls 2 s apart: the holder must come from the lost lease, not from the first poll after it
        try (FailoverStore store = FailoverStore.open(source, OPTIONS, 200, 2_000)) {
            store.create(id, "standby/test", Map.of("name", "s"), Map.of());
            insert(store, 0, 10);
            opened.get(0).loseLeaseTo("qss-b:4711");
            waitFor(store::isStandby, 10_000, "the store never noticed it lost its lease");
            assertEquals("qss-b:4711", store.leaseHolder());
        }
    }

    /** Fresh volumes of this test's store, each under a {@link FaultyVolume} added to {@code opened}. */
    private FailoverStore.VolumeSource faultyVolumes(List<FaultyVolume> opened) {
        return () -> {
            FaultyVolume volume = new FaultyVolume(openVolume());
            opened.add(volume);
            return volume;
        };
    }

    private FailoverStore openStandbyBeside(TimeSeriesStoreImpl writer) throws Exception {
        writer.create(id, "standby/test", Map.of("name", "s"), Map.of());
        insert(writer, 0, 100);
        return FailoverStore.open(this::openVolume, OPTIONS, 200, 100);
    }

    private long count(TimeSeriesStore store) {
        try {
            return store.count(id, BASE, BASE + 10_000, 0);
        } catch (StoreException e) {
            return -1;
        }
    }

    private static StoreException assertRefused(Executable write) {
        StoreException e = assertThrows(StoreException.class, write);
        assertEquals(ErrorCode.UNAVAILABLE, e.code(), e.getMessage());
        assertTrue(
                e.getMessage().startsWith("store is standby (read-only): the writer lease is held by "),
                e.getMessage());
        return e;
    }

    private void insert(TimeSeriesStore store, int from, int n) throws StoreException {
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = BASE + from + i;
            v[i] = from + i;
        }
        store.insert(id, t, v, 0, n, MergePolicy.NEVER);
    }

    private static List<RawPoint> points(int from, int n) {
        return IntStream.range(from, from + n)
                .mapToObj(i -> new RawPoint(BASE + i, i))
                .toList();
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void waitFor(Condition condition, long millis, String failure) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure + " within " + millis + " ms");
            }
            Thread.sleep(50);
        }
    }
}
