// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.store.StoreException;
import java.util.UUID;

/**
 * Where live samples go: the store's insert with {@code MergePolicy.REPLACE}, so a frame delivered twice (a session
 * offered the same bytes again after a failure) leaves one point. A seam, so the engine is tested without a store.
 */
@FunctionalInterface
public interface PointWriter {

    /** Inserts {@code times[0..length)} and {@code values[0..length)}; returns once durable. Thread-safe. */
    void insert(UUID stream, long[] times, double[] values, int length) throws StoreException;
}
