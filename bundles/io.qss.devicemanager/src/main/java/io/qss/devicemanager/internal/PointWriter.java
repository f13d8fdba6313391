// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.store.api.StoreException;
import io.qss.store.api.StreamBatch;
import java.util.List;

/**
 * Where live samples go: the store's {@code insertAll}, every batch with {@code MergePolicy.REPLACE}, so a frame
 * delivered twice (a session offered the same bytes again after a failure) leaves one point. A seam, so the engine
 * is tested without a store.
 */
@FunctionalInterface
public interface PointWriter {

    /**
     * Inserts the batches (one stream each) with one durable store call; returns once all are durable. A failure
     * writes none of them. Keeps nothing of the batches' arrays after it returns: the caller fills them again.
     * Thread-safe.
     */
    void insertAll(List<StreamBatch> batches) throws StoreException;
}
