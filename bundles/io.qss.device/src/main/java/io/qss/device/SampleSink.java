// SPDX-License-Identifier: Apache-2.0
package io.qss.device;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a device type delivers samples; the framework writes them to the device's streams in the store. Appends
 * with equal times replace earlier ones, so delivering the same input twice never duplicates points. Not
 * thread-safe: one sink per ingest call or connection.
 */
@ProviderType
public interface SampleSink {

    /**
     * Appends {@code length} samples from {@code offset} to the stream named {@code stream}; blocks until they are
     * durable. The arrays are copied. Non-finite values are dropped.
     *
     * @param times sample times, epoch nanoseconds, any order
     * @throws DeviceException {@link DeviceErrorCode#UNKNOWN_STREAM} when the device has no such stream,
     *     {@link DeviceErrorCode#SINK_FAILED} when the store refused them (retry later)
     */
    void append(String stream, long[] times, double[] values, int offset, int length) throws DeviceException;
}
