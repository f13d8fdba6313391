// SPDX-License-Identifier: Apache-2.0
package io.qss.device.testkit;

import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.SampleSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A {@link SampleSink} that keeps what it is given as qss's store would: per stream key, equal times replace earlier
 * samples and non-finite values are dropped. Like the real sink it refuses a key the device does not declare with
 * {@link DeviceErrorCode#UNKNOWN_STREAM}, and remembers the refusal so a test can fail on it even when the type
 * swallowed the exception. Not thread-safe, as the real sink.
 */
public final class RecordingSampleSink implements SampleSink {

    private final Supplier<Set<String>> knownKeys;
    private final Map<String, TreeMap<Long, Double>> samples = new TreeMap<>();
    private final List<String> refusedKeys = new ArrayList<>();
    private long appended;

    /** A sink that accepts the keys {@code knownKeys} returns at the time of each append. */
    public RecordingSampleSink(Supplier<Set<String>> knownKeys) {
        this.knownKeys = knownKeys;
    }

    @Override
    public void append(String stream, long[] times, double[] values, int offset, int length) throws DeviceException {
        checkRange(stream, times, values, offset, length);
        if (!knownKeys.get().contains(stream)) {
            refusedKeys.add(stream);
            throw new DeviceException(
                    DeviceErrorCode.UNKNOWN_STREAM,
                    "no such stream of the device [stream=" + stream + ", known=" + knownKeys.get() + "]");
        }
        TreeMap<Long, Double> stored = samples.computeIfAbsent(stream, k -> new TreeMap<>());
        for (int i = offset; i < offset + length; i++) {
            if (Double.isFinite(values[i])) {
                stored.put(times[i], values[i]);
            }
        }
        appended += length;
    }

    /** Per stream key, time (epoch ns) to value, as the store would hold them; unmodifiable view. */
    public Map<String, TreeMap<Long, Double>> samples() {
        return Collections.unmodifiableMap(samples);
    }

    /** Samples stored, over all streams, after replacing equal times. */
    public long storedCount() {
        return samples.values().stream().mapToLong(TreeMap::size).sum();
    }

    /** Samples handed to {@link #append}, non-finite ones and repeated times included. */
    public long appendedCount() {
        return appended;
    }

    /** Keys the type appended to without declaring them, in order. */
    public List<String> refusedKeys() {
        return List.copyOf(refusedKeys);
    }

    private static void checkRange(String stream, long[] times, double[] values, int offset, int length) {
        if (times == null
                || values == null
                || offset < 0
                || length < 0
                || offset + length > times.length
                || offset + length > values.length) {
            throw new AssertionError("append outside its arrays [stream=" + stream + ", offset=" + offset
                    + ", length=" + length + ", times=" + (times == null ? null : times.length) + ", values="
                    + (values == null ? null : values.length) + "]");
        }
    }
}
