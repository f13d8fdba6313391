// SPDX-License-Identifier: Apache-2.0
package io.qss.device;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a device type delivers samples; the framework writes them to the device's streams in the store. Appends
 * with equal times replace earlier ones, so delivering the same input twice never duplicates points. Not
 * thread-safe: one sink per ingest call or connection. A failure of an earlier append may be reported by a later
 * one or when the ingest call returns.
 */
@ProviderType
public interface SampleSink {

    /**
     * Appends {@code length} samples from {@code offset} to the stream whose {@link StreamSpec#key()} is {@code stream}. The arrays are copied
     * before this returns, so the caller may reuse them; the samples may be written in the background and are durable
     * once the call that handed out the sink (e.g. {@link DeviceType#ingestFile}) has returned and the framework
     * has confirmed it. Non-finite values are dropped.
     *
     * @param times sample times, epoch nanoseconds, any order
     * @throws DeviceException {@link DeviceErrorCode#UNKNOWN_STREAM} when the device has no such stream,
     *     {@link DeviceErrorCode#SINK_FAILED} when the store refused them (retry later)
     */
    void append(String stream, long[] times, double[] values, int offset, int length) throws DeviceException;

    /**
     * Appends samples of several streams taken at the same times: {@code columns[i]} holds the values of the stream
     * keyed {@code streams.get(i)}, each column read from {@code offset} for {@code length} samples. The same as
     * {@link #append} for each stream in turn, in one call (when it fails, some of the streams may have been appended
     * and others not: appends replace equal times, so the caller simply appends again): a live device's frame carries one
     * sample of each of its streams, and a framework may take them at a fraction of the cost of one call
     * per stream. Callers that pass the same list instance each time let the framework resolve the keys once.
     *
     * @since 2.1
     */
    default void appendColumns(List<String> streams, long[] times, double[][] columns, int offset, int length)
            throws DeviceException {
        for (int i = 0; i < streams.size(); i++) {
            append(streams.get(i), times, columns[i], offset, length);
        }
    }
}
