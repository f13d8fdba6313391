// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.RawPoint;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamBatch;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import io.qss.store.api.spi.StoreVolume;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TimeSeriesStore#insertAll}: many streams in one durable call, checked before anything is written. */
class InsertAllTest {

    private static final long BASE = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    private TimeSeriesStoreImpl store;

    /** Where the store lives (a directory here; subclasses run the same tests on other backends). */
    protected String volumeSpec() {
        return TestVolumes.file(dir);
    }

    /** Whether the backend reports its free space (a RADOS test cluster runs no manager daemon, so it does not). */
    protected boolean reportsSpace() {
        return true;
    }

    private final List<UUID> ids = new ArrayList<>();

    @BeforeEach
    void open() throws StoreException {
        store = TimeSeriesStoreImpl.open(
                TestVolumes.open(volumeSpec()), StoreOptions.defaults().withCommit(100_000, 3_600_000));
        for (int i = 0; i < 50; i++) {
            ids.add(new UUID(7, i));
            store.create(ids.get(i), "batch/s" + i, Map.of(), Map.of());
        }
    }

    @AfterEach
    void close() throws StoreException {
        store.close();
    }

    private static StreamBatch batch(UUID id, int n, double value, MergePolicy policy) {
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[n - 1 - i] = BASE + i * 1000L; // unsorted on purpose
            v[n - 1 - i] = value + i;
        }
        return StreamBatch.of(id, t, v, policy);
    }

    private List<RawPoint> all(UUID id) throws StoreException {
        return Collect.raw(store, id, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, Version.LATEST);
    }

    private List<StreamBatch> oneBatchPerStream(int n) {
        List<StreamBatch> batches = new ArrayList<>();
        for (UUID id : ids) {
            batches.add(batch(id, n, 0, MergePolicy.REPLACE));
        }
        return batches;
    }

    @Test
    void givenManyStreams_whenInsertedAll_thenEachHasItsPointsSortedAndItsVersion() throws Exception {
        List<Version> versions = store.insertAll(oneBatchPerStream(15));

        assertEquals(ids.size(), versions.size());
        for (int s = 0; s < ids.size(); s++) {
            assertEquals(new Version(Version.FIRST, 15), versions.get(s));
            List<RawPoint> got = all(ids.get(s));
            assertEquals(15, got.size());
            assertEquals(new RawPoint(BASE, 0), got.get(0));
            assertEquals(new RawPoint(BASE + 14_000, 14), got.get(14));
        }
    }

    @Test
    void givenInsertsOfTheSameStreamsInOppositeOrders_whenRunTogether_thenAllFinishWithEveryPoint() throws Exception {
        List<UUID> reversed = new ArrayList<>(ids);
        Collections.reverse(reversed);
        int rounds = 200;
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<UUID> order : List.of(ids, reversed)) {
                int first = order == ids ? 0 : rounds;
                done.add(two.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        List<StreamBatch> batches = new ArrayList<>();
                        for (UUID id : order) {
                            long t = BASE + (first + r) * 1000L;
                            batches.add(StreamBatch.of(id, new long[] {t}, new double[] {r}, MergePolicy.NEVER));
                        }
                        store.insertAll(batches);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS); // a deadlock fails here
            }
        } finally {
            two.shutdownNow();
        }
        for (UUID id : ids) {
            assertEquals(2 * rounds, all(id).size());
        }
    }

    @Test
    void givenOneStreamTwiceWithReplace_whenInsertedAll_thenLaterBatchWinsAndVersionsCountUp() throws Exception {
        UUID id = ids.get(0);
        List<Version> versions =
                store.insertAll(List.of(batch(id, 3, 0, MergePolicy.REPLACE), batch(id, 3, 100, MergePolicy.REPLACE)));

        assertEquals(List.of(new Version(Version.FIRST, 3), new Version(Version.FIRST, 6)), versions);
        assertEquals(
                List.of(new RawPoint(BASE, 100), new RawPoint(BASE + 1000, 101), new RawPoint(BASE + 2000, 102)),
                all(id));
    }

    @Test
    void givenOffsetAndEmptyBatches_whenInsertedAll_thenOnlyTheSliceIsStored() throws Exception {
        long[] t = {1, BASE, BASE + 5, 3};
        double[] v = {9, 1, 2, 9};
        List<Version> versions = store.insertAll(List.of(
                new StreamBatch(ids.get(0), t, v, 1, 2, null),
                new StreamBatch(ids.get(1), t, v, 0, 0, MergePolicy.NEVER)));

        assertEquals(List.of(new Version(Version.FIRST, 2), new Version(Version.FIRST, 0)), versions);
        assertEquals(List.of(new RawPoint(BASE, 1), new RawPoint(BASE + 5, 2)), all(ids.get(0)));
        assertTrue(all(ids.get(1)).isEmpty());
    }

    @Test
    void givenUnknownStreamLast_whenInsertedAll_thenNoSuchStreamNamingItAndNothingWritten() throws Exception {
        UUID unknown = new UUID(99, 99);
        List<StreamBatch> batches = oneBatchPerStream(5);
        batches.add(batch(unknown, 5, 0, MergePolicy.REPLACE));

        StoreException e = assertThrows(StoreException.class, () -> store.insertAll(batches));

        assertEquals(ErrorCode.NO_SUCH_STREAM, e.code());
        assertTrue(e.getMessage().contains(unknown.toString()), e.getMessage());
        assertNothingWritten();
    }

    @Test
    void givenNaNInOneBatch_whenInsertedAll_thenBadValueNamingTheStreamAndNothingWritten() throws Exception {
        List<StreamBatch> batches = oneBatchPerStream(5);
        batches.get(7).values()[2] = Double.NaN;

        StoreException e = assertThrows(StoreException.class, () -> store.insertAll(batches));

        assertEquals(ErrorCode.BAD_VALUE, e.code());
        assertTrue(e.getMessage().contains("stream=" + ids.get(7)), e.getMessage());
        assertNothingWritten();
    }

    @Test
    void givenSliceBeyondArrays_whenInsertedAll_thenWrongArgs() throws Exception {
        StreamBatch bad = new StreamBatch(ids.get(3), new long[2], new double[2], 1, 2, MergePolicy.NEVER);

        StoreException e = assertThrows(StoreException.class, () -> store.insertAll(List.of(bad)));

        assertEquals(ErrorCode.WRONG_ARGS, e.code());
        assertTrue(e.getMessage().contains("stream=" + ids.get(3)), e.getMessage());
    }

    @Test
    void givenObliteratedStream_whenInsertedAll_thenNoSuchStream() throws Exception {
        store.obliterate(ids.get(4));

        StoreException e = assertThrows(StoreException.class, () -> store.insertAll(oneBatchPerStream(5)));

        assertEquals(ErrorCode.NO_SUCH_STREAM, e.code());
        assertTrue(e.getMessage().contains(ids.get(4).toString()), e.getMessage());
    }

    @Test
    void givenClosedStore_whenInsertedAll_thenUnavailable() throws Exception {
        store.close();

        StoreException e = assertThrows(StoreException.class, () -> store.insertAll(oneBatchPerStream(5)));

        assertEquals(ErrorCode.UNAVAILABLE, e.code());
    }

    @Test
    void givenVolumeAboveTheGuard_whenInsertedAll_thenResourceDepletedNamingAStreamAndNothingWritten()
            throws Exception {
        assumeTrue(reportsSpace(), "the backend reports no free space here, so no volume is ever full");
        store.close();
        store = TimeSeriesStoreImpl.open(
                TestVolumes.open(volumeSpec()), StoreOptions.defaults().withDiskFullFraction(0.0));

        StoreException e = assertThrows(StoreException.class, () -> store.insertAll(oneBatchPerStream(5)));

        assertEquals(ErrorCode.RESOURCE_DEPLETED, e.code());
        assertTrue(e.getMessage().contains("stream=" + ids.get(0)), e.getMessage());
        assertNothingWritten();
    }

    @Test
    void givenBatchAcknowledged_whenProcessAbandonsTheStore_thenReplayedFromOneLogAppend() throws Exception {
        long before = walBytes();
        store.insertAll(oneBatchPerStream(20));
        long appended = walBytes() - before;
        store.abandon();

        store = TimeSeriesStoreImpl.open(TestVolumes.open(volumeSpec()), StoreOptions.defaults());

        assertTrue(appended > 0, "the batch is in the write-ahead log");
        for (UUID id : ids) {
            assertEquals(20, all(id).size(), "stream " + id);
            assertEquals(new Version(Version.FIRST, 20), store.version(id));
        }
    }

    @Test
    void givenManyStreamsDueTogether_whenCommittedInTheBackground_thenAllCommittedAndSurviveACrash() throws Exception {
        store.close();
        store = TimeSeriesStoreImpl.open(
                TestVolumes.open(volumeSpec()), StoreOptions.defaults().withCommit(100_000, 20));
        List<UUID> more = new ArrayList<>(ids);
        for (int i = 0; i < 600; i++) {
            more.add(new UUID(8, i));
            store.create(more.get(more.size() - 1), "batch/more" + i, Map.of(), Map.of());
        }
        List<StreamBatch> batches = new ArrayList<>();
        for (UUID id : more) {
            batches.add(batch(id, 10, 5, MergePolicy.REPLACE));
        }
        store.insertAll(batches);

        long deadline = System.nanoTime() + 20_000_000_000L;
        while (more.stream().anyMatch(this::hasBuffer) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        store.abandon();
        store = TimeSeriesStoreImpl.open(TestVolumes.open(volumeSpec()), StoreOptions.defaults());

        for (UUID id : more) {
            assertEquals(new Version(Version.FIRST + 1, 0), store.version(id), "stream " + id);
            assertEquals(10, all(id).size(), "stream " + id);
        }
    }

    private boolean hasBuffer(UUID id) {
        try {
            return store.version(id).minor() > 0;
        } catch (StoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private long walBytes() throws IOException, StoreException {
        try (StoreVolume volume = TestVolumes.open(volumeSpec())) {
            long total = 0;
            for (String name : volume.list("wal/")) {
                total += Math.max(0, volume.length(name));
            }
            return total;
        }
    }

    private void assertNothingWritten() throws StoreException {
        for (UUID id : ids) {
            assertEquals(new Version(Version.FIRST, 0), store.version(id), "stream " + id);
        }
    }
}
