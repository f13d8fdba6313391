// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LiveSinkTest {

    private final UUID freq = UUID.randomUUID();
    private final UUID stat = UUID.randomUUID();
    private final List<String> keys = List.of("FREQ", "STAT");
    private final LiveSink sink = new LiveSink("pmu", Map.of("FREQ", freq, "STAT", stat), 100);

    private void appendRows(long... times) throws DeviceException {
        double[][] columns = new double[2][times.length];
        for (int i = 0; i < times.length; i++) {
            columns[0][i] = 60 + times[i];
            columns[1][i] = times[i];
        }
        sink.appendColumns(keys, times, columns, 0, times.length);
    }

    private static long[] times(List<PointBatch> batches, UUID stream) {
        PointBatch b = batches.stream()
                .filter(x -> x.stream.equals(stream))
                .findFirst()
                .orElseThrow();
        return Arrays.copyOf(b.times, b.size);
    }

    @Test
    void givenColumnAppends_whenTaken_thenEachStreamHasItsColumnAndLaterAppendsStartNewBatches() throws Exception {
        appendRows(1, 2);
        appendRows(3);
        assertEquals(6, sink.pendingPoints());
        List<PointBatch> first = sink.take();
        assertArrayEquals(new long[] {1, 2, 3}, times(first, freq));
        assertArrayEquals(new long[] {1, 2, 3}, times(first, stat));
        appendRows(4);
        List<PointBatch> second = sink.take();
        assertArrayEquals(new long[] {4}, times(second, freq), "the taken batches are not appended to again");
        assertArrayEquals(new long[] {1, 2, 3}, times(first, freq));
    }

    @Test
    void givenBatchPutBack_whenColumnsAppended_thenTheyFollowThePutBackPoints() throws Exception {
        appendRows(1);
        List<PointBatch> taken = sink.take();
        appendRows(2);
        for (PointBatch b : taken) {
            sink.putBack(b, "store down");
        }
        appendRows(3);
        List<PointBatch> retried = sink.take();
        assertArrayEquals(new long[] {1, 2, 3}, times(retried, freq));
        assertArrayEquals(new long[] {1, 2, 3}, times(retried, stat));
    }

    @Test
    void givenUnknownKeyOrTooManyPending_whenColumnsAppended_thenRefusedAndNothingAdded() throws Exception {
        DeviceException unknown = assertThrows(
                DeviceException.class,
                () -> sink.appendColumns(List.of("FREQ", "NOPE"), new long[] {1}, new double[2][1], 0, 1));
        assertEquals(DeviceErrorCode.UNKNOWN_STREAM, unknown.code());
        assertEquals(0, sink.pendingPoints());
        DeviceException full = assertThrows(
                DeviceException.class, () -> sink.appendColumns(keys, new long[51], new double[2][51], 0, 51));
        assertEquals(DeviceErrorCode.SINK_FAILED, full.code());
        assertEquals(0, sink.pendingPoints());
    }

    @Test
    void givenStreamsRedeclared_whenColumnsAppended_thenTheNewUuidsAreUsed() throws Exception {
        appendRows(1);
        UUID newFreq = UUID.randomUUID();
        sink.streams(Map.of("FREQ", newFreq, "STAT", stat));
        appendRows(2);
        List<PointBatch> taken = sink.take();
        assertArrayEquals(new long[] {1}, times(taken, freq));
        assertArrayEquals(new long[] {2}, times(taken, newFreq));
    }

    @Test
    void givenTakenBatchesRecycled_whenTakenAgain_thenTheSameBatchesAreFilledWithOnlyTheNewPoints() throws Exception {
        appendRows(1, 2);
        List<PointBatch> first = sink.take();
        first.forEach(sink::recycle);
        appendRows(3);
        List<PointBatch> second = sink.take();
        appendRows(4, 5);
        List<PointBatch> third = sink.take();

        assertSame(batch(first, freq), batch(third, freq), "the given-back batch takes its turn again");
        assertArrayEquals(new long[] {4, 5}, times(third, freq));
        assertArrayEquals(new long[] {3}, times(second, freq), "a batch the flusher still holds is never refilled");
        assertNotSame(batch(second, freq), batch(third, freq));
    }

    @Test
    void givenARecycledBatchAndAFailedOne_whenPutBack_thenThePutBackPointsComeFirstAndNothingIsLost() throws Exception {
        appendRows(1);
        sink.take().forEach(sink::recycle);
        appendRows(2);
        List<PointBatch> failed = sink.take();
        appendRows(3);
        failed.forEach(b -> sink.putBack(b, "store down"));
        appendRows(4);

        List<PointBatch> retried = sink.take();

        assertArrayEquals(new long[] {2, 3, 4}, times(retried, freq));
        assertEquals(6, retried.stream().mapToInt(b -> b.size).sum());
    }

    @Test
    void givenAStreamNoLongerDeclared_whenTakenAfterTheChange_thenItsSlotIsForgottenAndRecyclingIgnoresIt()
            throws Exception {
        appendRows(1);
        List<PointBatch> taken = sink.take();
        sink.streams(Map.of("FREQ", freq));
        sink.append("FREQ", new long[] {2}, new double[] {60}, 0, 1);
        assertEquals(List.of(freq), sink.take().stream().map(b -> b.stream).toList());
        taken.forEach(sink::recycle);

        sink.append("FREQ", new long[] {3}, new double[] {60}, 0, 1);

        assertEquals(List.of(freq), sink.take().stream().map(b -> b.stream).toList());
    }

    private static PointBatch batch(List<PointBatch> batches, UUID stream) {
        return batches.stream().filter(b -> b.stream.equals(stream)).findFirst().orElseThrow();
    }

    @Test
    void givenAppendsWhileBatchesAreTakenRecycledAndPutBack_whenAllFlushed_thenEveryPointArrivesOnce()
            throws Exception {
        long seed = Long.getLong("qss.seed", System.nanoTime());
        System.out.println("LiveSinkTest seed=" + seed + " (rerun with -Dqss.seed=" + seed + ")");
        Random random = new Random(seed);
        LiveSink roomy = new LiveSink("pmu", Map.of("FREQ", freq, "STAT", stat), Long.MAX_VALUE);
        int rows = 200_000;
        Thread appender = new Thread(() -> {
            try {
                for (long t = 0; t < rows; t++) {
                    roomy.appendColumns(keys, new long[] {t}, new double[][] {{t}, {t}}, 0, 1);
                }
            } catch (DeviceException e) {
                throw new IllegalStateException(e);
            }
        });
        appender.start();
        BitSet seen = new BitSet();
        long arrived = 0;
        List<PointBatch> held = List.of(); // inserted one take late, as when an insert outlasts a flush interval
        while (appender.isAlive() || roomy.pendingPoints() > 0 || !held.isEmpty()) {
            List<PointBatch> taken = held;
            held = roomy.take();
            for (PointBatch b : taken) {
                if (random.nextInt(10) == 0) {
                    roomy.putBack(b, "store down");
                    continue;
                }
                for (int i = 0; i < b.size; i++) {
                    if (b.stream.equals(freq)) {
                        seen.set((int) b.times[i]);
                        assertEquals(b.times[i], (long) b.values[i], "seed=" + seed);
                    }
                }
                arrived += b.size;
                roomy.recycle(b);
            }
        }
        appender.join();

        assertEquals(2L * rows, arrived, "seed=" + seed);
        assertEquals(rows, seen.cardinality(), "seed=" + seed);
    }
}
