// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
}
