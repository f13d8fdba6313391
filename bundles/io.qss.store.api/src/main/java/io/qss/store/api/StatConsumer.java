// SPDX-License-Identifier: Apache-2.0
package io.qss.store.api;

/**
 * Receives window statistics in time order, on the querying thread.
 */
@FunctionalInterface
public interface StatConsumer {

    /**
     * Accepts the statistics of window {@code [time, time + width)}.
     *
     * @return false to stop the query early
     */
    boolean accept(long time, double min, double mean, double max, long count);
}
