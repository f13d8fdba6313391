// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.api.Version;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file's sink: nothing reaches the store before {@link StoreSink#insertDurably()}, then every stream at once. */
class StoreSinkTest {

    private static final UUID L1 = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID C1 = UUID.fromString("00000000-0000-0000-0000-0000000000c1");

    @TempDir
    Path dir;

    private TimeSeriesStoreImpl store;
    private final LongAdder inserted = new LongAdder();
    private StoreSink sink;

    @BeforeEach
    void open() throws Exception {
        store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults());
        store.create(L1, "upmu/a", Map.of("name", "L1MAG"), Map.of());
        store.create(C1, "upmu/a", Map.of("name", "C1MAG"), Map.of());
        sink = new StoreSink(store, Map.of("L1MAG", L1, "C1MAG", C1), "P3000001", inserted);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void givenAppendsOfTwoStreams_whenInsertedDurably_thenAllFiniteValuesArriveAndNothingBefore() throws Exception {
        long[] times = {10, 20, 30, 40};
        double[] values = {1.0, Double.NaN, 3.0, Double.POSITIVE_INFINITY};
        sink.append("L1MAG", times, values, 0, 4);
        values[0] = 99; // the sink copied the arrays: the caller may reuse them
        sink.append("C1MAG", times, new double[] {5, 6, 7, 8}, 1, 2);

        assertEquals(0, count(L1), "nothing is inserted before insertDurably");
        sink.insertDurably();

        assertEquals(2, count(L1));
        assertEquals(
                1.0, store.nearest(L1, 10, false, Version.LATEST).orElseThrow().value());
        assertEquals(2, count(C1), "the range from offset 1: times 20 and 30");
        assertEquals(
                6.0, store.nearest(C1, 0, false, Version.LATEST).orElseThrow().value());
        assertEquals(4, inserted.sum());
    }

    @Test
    void givenInsertedOnce_whenInsertedAgain_thenNothingIsInsertedTwice() throws Exception {
        sink.append("L1MAG", new long[] {10}, new double[] {1}, 0, 1);
        sink.insertDurably();
        sink.insertDurably();

        assertEquals(1, count(L1));
        assertEquals(1, inserted.sum());
    }

    @Test
    void givenUnknownStream_whenAppended_thenUnknownStreamNamingSerialAndStream() {
        DeviceException e =
                assertThrows(DeviceException.class, () -> sink.append("NOPE", new long[] {1}, new double[] {1}, 0, 1));

        assertEquals(DeviceErrorCode.UNKNOWN_STREAM, e.code());
        assertTrue(
                e.getMessage().contains("serial=P3000001") && e.getMessage().contains("stream=NOPE"), e.getMessage());
    }

    @Test
    void givenClosedStore_whenInsertedDurably_thenSinkFailedNamingSerialAndPointsWithTheStoreCause() throws Exception {
        sink.append("L1MAG", new long[] {10, 20}, new double[] {1, 2}, 0, 2);
        store.close();

        DeviceException e = assertThrows(DeviceException.class, sink::insertDurably);

        assertEquals(DeviceErrorCode.SINK_FAILED, e.code());
        assertTrue(e.getMessage().contains("serial=P3000001") && e.getMessage().contains("points=2"), e.getMessage());
        assertTrue(e.getCause() != null, "the store's error is chained");
        assertEquals(0, inserted.sum());
    }

    private long count(UUID stream) throws Exception {
        return store.count(stream, TimeSeriesStore.MIN_TIME, TimeSeriesStore.MAX_TIME, Version.LATEST);
    }
}
