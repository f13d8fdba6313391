// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

/**
 * One system under comparison, started by the bench on a fresh data directory. Every query returns what it
 * received (windows, points, values) so the bench can check that each system answered the whole question.
 */
interface BenchedSystem extends AutoCloseable {

    /** What an acknowledged write means on disk, stated next to the figures. */
    String durability();

    void start() throws Exception;

    /** Writes the uPMU-shaped data; returns once every write is acknowledged. */
    void ingestUpmu(Workload workload, int threads) throws Exception;

    /** Waits until everything acknowledged can be queried (untimed). */
    void awaitVisible(Workload workload) throws Exception;

    /** Writes the long stream (timed, reported apart from the ingest figure). */
    void loadSpan(Workload workload, int threads) throws Exception;

    /** Runs or waits for the system's own compaction so that the disk usage is the settled one. */
    void compact() throws Exception;

    /** The data directory's allocated bytes. */
    long bytesOnDisk() throws Exception;

    /** min, mean and max of {@code count} equal windows over the whole long stream; returns the windows received. */
    long windows(Workload workload, int count) throws Exception;

    /** The long stream's raw points in [from, to) ns; returns the points received. */
    long raw(long from, long to) throws Exception;

    /** The latest value of each uPMU stream; returns the values received. */
    long latest(Workload workload) throws Exception;

    /** Stops the system cleanly and starts it again on the same data. */
    void restart() throws Exception;

    @Override
    void close() throws Exception;
}
