// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api;

/**
 * Receives raw points in time order, one chunk at a time, on the querying thread.
 */
@FunctionalInterface
public interface RawConsumer {

    /**
     * Accepts points {@code [from, to)} of the two arrays. The arrays belong to the store: read them, never modify
     * them, and do not keep them after returning.
     *
     * @return false to stop the query early
     */
    boolean accept(long[] times, double[] values, int from, int to);
}
