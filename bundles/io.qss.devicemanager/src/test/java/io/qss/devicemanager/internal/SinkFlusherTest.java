// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.device.DeviceException;
import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The flusher's cycle: few multi-stream inserts, failures put back, one bad stream isolated from the rest. */
class SinkFlusherTest {

    private static final int DEVICES = 300;
    private static final int STREAMS_PER_DEVICE = 10;

    private final RecordingWriter store = new RecordingWriter();
    private final List<Integer> callSizes = new CopyOnWriteArrayList<>();
    private volatile UUID refused;
    private final SinkFlusher flusher = new SinkFlusher(this::insertAll, 4, 250);

    private void insertAll(List<StreamBatch> batches) throws StoreException {
        callSizes.add(batches.size());
        for (StreamBatch b : batches) {
            assertEquals(MergePolicy.REPLACE, b.policy());
            if (b.stream().equals(refused)) {
                throw new StoreException(ErrorCode.NO_SUCH_STREAM, "stream does not exist [stream=" + refused + "]");
            }
        }
        store.insertAll(batches);
    }

    @AfterEach
    void close() {
        flusher.close();
    }

    private List<LiveSink> fleetWithOnePointPerStream() throws DeviceException {
        List<LiveSink> sinks = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            Map<String, UUID> streams = new HashMap<>();
            for (int s = 0; s < STREAMS_PER_DEVICE; s++) {
                streams.put("ch" + s, new UUID(d, s));
            }
            LiveSink sink = new LiveSink("dev" + d, streams, 10_000);
            for (String key : streams.keySet()) {
                sink.append(key, new long[] {1_000 + d}, new double[] {d}, 0, 1);
            }
            flusher.register(sink);
            sinks.add(sink);
        }
        return sinks;
    }

    @Test
    void givenThousandsOfStreams_whenFlushed_thenFewInsertsCarryThemAll() throws Exception {
        fleetWithOnePointPerStream();

        flusher.flushAll();

        assertEquals(DEVICES * STREAMS_PER_DEVICE, store.distinctPoints());
        assertEquals(
                DEVICES * STREAMS_PER_DEVICE,
                callSizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(callSizes.size() <= 4, "inserts per cycle: " + callSizes);
        assertEquals(DEVICES * STREAMS_PER_DEVICE, flusher.pointsInserted());
    }

    @Test
    void givenOneStreamRefused_whenFlushed_thenTheOthersGetInAndItsBatchWaitsWithTheReason() throws Exception {
        List<LiveSink> sinks = fleetWithOnePointPerStream();
        refused = new UUID(123, 4);

        flusher.flushAll();

        assertEquals(DEVICES * STREAMS_PER_DEVICE - 1, store.distinctPoints());
        assertEquals(1, sinks.get(123).pendingPoints());
        assertTrue(
                sinks.get(123).failure().contains("stream=" + refused),
                sinks.get(123).failure());
        assertNull(sinks.get(122).failure());
        assertTrue(callSizes.size() < 60, "halving isolates the stream in few inserts: " + callSizes.size());
    }

    @Test
    void givenStoreFailing_whenFlushedTwice_thenEverythingWaitsOnceAndGetsInWhenTheStoreWorksAgain() throws Exception {
        List<LiveSink> sinks = fleetWithOnePointPerStream();
        store.isFailing = true;

        flusher.flushAll();

        assertEquals(0, store.distinctPoints());
        assertEquals(STREAMS_PER_DEVICE, sinks.get(0).pendingPoints());
        assertTrue(callSizes.size() <= 4, "a store-wide failure is not split: " + callSizes);
        store.isFailing = false;
        flusher.flushAll();
        assertEquals(DEVICES * STREAMS_PER_DEVICE, store.distinctPoints());
        assertNull(sinks.get(0).failure());
    }
}
