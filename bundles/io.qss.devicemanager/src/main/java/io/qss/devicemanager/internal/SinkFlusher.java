// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.core.log.LogThrottle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts the batches of every live sink into the store every {@code intervalMillis}, many streams at once so that
 * they share the store's write-ahead-log fsyncs; a cycle starts only after the previous one ended, so a slow store
 * makes batches larger, not more numerous. A failed insert's batch goes back into its sink and is retried next
 * cycle. Thread-safe.
 */
final class SinkFlusher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkFlusher.class);

    private final PointWriter writer;
    private final long intervalMillis;
    private final Set<LiveSink> sinks = ConcurrentHashMap.newKeySet();
    private final Set<LiveSink> retired = ConcurrentHashMap.newKeySet();
    private final ExecutorService inserter;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "qss-devices-flush"));
    private final AtomicLong pointsInserted = new AtomicLong();
    private volatile long lastCycleMillis;
    private volatile long longestCycleMillis;
    private final LogThrottle failureLog = LogThrottle.oncePer(Duration.ofMinutes(1));

    SinkFlusher(PointWriter writer, int insertThreads, long intervalMillis) {
        this.writer = writer;
        this.intervalMillis = intervalMillis;
        AtomicLong threads = new AtomicLong();
        inserter = Executors.newFixedThreadPool(insertThreads, r -> new Thread(r, "qss-devices-insert-"
                + threads.incrementAndGet()));
    }

    void start() {
        timer.scheduleWithFixedDelay(this::flushAll, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void register(LiveSink sink) {
        sinks.add(sink);
    }

    /** The sink's device is gone: its waiting points are inserted once more, then the sink is forgotten. */
    void retire(LiveSink sink) {
        sinks.remove(sink);
        retired.add(sink);
    }

    /** Points inserted since start. */
    long pointsInserted() {
        return pointsInserted.get();
    }

    /** How long the last cycle took, in milliseconds (inserting every waiting batch until all were durable). */
    long lastCycleMillis() {
        return lastCycleMillis;
    }

    /** The longest cycle since start, in milliseconds. */
    long longestCycleMillis() {
        return longestCycleMillis;
    }

    /** Stops the cycles after a last one that inserts what waits. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (timer.awaitTermination(30, TimeUnit.SECONDS)) {
                flushAll();
            }
            long lost = retired.stream().mapToLong(LiveSink::pendingPoints).sum()
                    + sinks.stream().mapToLong(LiveSink::pendingPoints).sum();
            if (lost > 0) {
                LOG.error("live samples not inserted at shutdown, the store refused them [points={}]", lost);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inserter.shutdownNow();
        try {
            inserter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One cycle: every waiting batch of every sink, inserted in parallel; returns once all inserts ended. */
    void flushAll() {
        long start = System.nanoTime();
        List<Insert> inserts = new ArrayList<>();
        for (LiveSink sink : sinks) {
            submit(sink, inserts);
        }
        List<LiveSink> leaving = List.copyOf(retired);
        for (LiveSink sink : leaving) {
            submit(sink, inserts);
        }
        awaitAll(inserts);
        for (LiveSink sink : leaving) {
            if (sink.pendingPoints() == 0) {
                retired.remove(sink);
            }
        }
        lastCycleMillis = (System.nanoTime() - start) / 1_000_000;
        longestCycleMillis = Math.max(longestCycleMillis, lastCycleMillis);
    }

    private void submit(LiveSink sink, List<Insert> inserts) {
        for (PointBatch batch : sink.take()) {
            inserts.add(new Insert(sink, batch, inserter.submit(() -> {
                writer.insert(batch.stream, batch.times, batch.values, batch.size);
                return null;
            })));
        }
    }

    private List<LiveSink> awaitAll(List<Insert> inserts) {
        List<LiveSink> failed = new ArrayList<>();
        for (Insert insert : inserts) {
            try {
                insert.future.get();
                pointsInserted.addAndGet(insert.batch.size);
            } catch (ExecutionException e) {
                fail(insert, e.getCause(), failed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(insert, e, failed);
            }
        }
        for (Insert insert : inserts) {
            if (!failed.contains(insert.sink)) {
                insert.sink.succeeded();
            }
        }
        return failed;
    }

    private void fail(Insert insert, Throwable cause, List<LiveSink> failed) {
        String reason = "store insert failed [stream=" + insert.batch.stream + ", cause=" + cause + "]";
        insert.sink.putBack(insert.batch, reason);
        failed.add(insert.sink);
        if (!sinks.contains(insert.sink)) {
            // retired while this insert ran: keep flushing it until its points are in
            retired.add(insert.sink);
        }
        long occurrences = failureLog.occurred();
        if (occurrences > 0) {
            LOG.warn("{}; kept for the next flush [alias={}, occurrences={}]", reason, insert.sink.alias(),
                    occurrences, cause);
        }
    }

    private record Insert(LiveSink sink, PointBatch batch, Future<?> future) {
    }
}
