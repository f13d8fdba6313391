// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.core.log.LogThrottle;
import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts the batches of every live sink into the store every {@code intervalMillis}: the cycle's batches of all
 * streams go in as a few multi-stream inserts (at most {@code insertThreads}, run at once, each one write-ahead-log
 * append and fsync), so the cost of a cycle hardly grows with the number of streams. A cycle starts only after the
 * previous one ended, so a slow store makes batches larger, not more numerous. A failed insert's batches go back into
 * their sinks and are retried next cycle; when the failure concerns one stream (it was removed, its points are out of
 * range), the insert is split in halves until that stream's batch is alone, so the other streams still get in.
 * Thread-safe.
 */
final class SinkFlusher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkFlusher.class);
    /** Fewer streams than this per insert save no time worth a second insert. */
    private static final int MIN_STREAMS_PER_INSERT = 512;
    /** Failures caused by one stream's batch, not by the store as a whole. */
    private static final Set<ErrorCode> ONE_STREAM_FAILURES = EnumSet.of(
            ErrorCode.NO_SUCH_STREAM,
            ErrorCode.REUSED_UUID,
            ErrorCode.WRONG_ARGS,
            ErrorCode.BAD_VALUE,
            ErrorCode.INVALID_TIME_RANGE,
            ErrorCode.INSERT_TOO_BIG);

    private final PointWriter writer;
    private final int insertThreads;
    private final long intervalMillis;
    private final Set<LiveSink> sinks = ConcurrentHashMap.newKeySet();
    private final Set<LiveSink> retired = ConcurrentHashMap.newKeySet();
    private final ExecutorService inserter;
    private final ScheduledThreadPoolExecutor timer =
            new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "qss-devices-flush"));
    private final AtomicLong pointsInserted = new AtomicLong();
    private volatile long lastCycleMillis;
    private volatile long longestCycleMillis;
    private final LogThrottle failureLog = LogThrottle.oncePer(Duration.ofMinutes(1));

    SinkFlusher(PointWriter writer, int insertThreads, long intervalMillis) {
        this.writer = writer;
        this.insertThreads = insertThreads;
        this.intervalMillis = intervalMillis;
        AtomicLong threads = new AtomicLong();
        inserter = Executors.newFixedThreadPool(
                insertThreads, r -> new Thread(r, "qss-devices-insert-" + threads.incrementAndGet()));
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    void start() {
        timer.schedule(this::cycle, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * One cycle, then the next one {@code intervalMillis} after this one began (at once when this one took longer):
     * a fixed delay after the end would add the cycle's own time to every sample's wait, and a slow cycle is exactly
     * when the wait matters.
     */
    private void cycle() {
        long began = System.nanoTime();
        try {
            flushAll();
        } catch (RuntimeException e) {
            LOG.error("device sample flush cycle failed; the next cycle retries", e);
        } finally {
            long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
            try {
                timer.schedule(this::cycle, Math.max(0, intervalMillis - elapsedMillis), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                LOG.debug("no further flush cycle: stopping");
            }
        }
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

    /** One cycle: every waiting batch of every sink, in a few inserts at once; returns once all ended. */
    void flushAll() {
        long start = System.nanoTime();
        List<Taken> taken = new ArrayList<>();
        List<LiveSink> leaving = List.copyOf(retired);
        for (LiveSink sink : sinks) {
            take(sink, taken);
        }
        for (LiveSink sink : leaving) {
            take(sink, taken);
        }
        Set<LiveSink> failed = ConcurrentHashMap.newKeySet();
        List<Future<?>> inserts = new ArrayList<>();
        for (List<Taken> part : split(taken)) {
            inserts.add(inserter.submit(() -> insert(part, failed)));
        }
        awaitAll(inserts);
        for (Taken t : taken) {
            if (!failed.contains(t.sink)) {
                t.sink.succeeded();
            }
        }
        for (LiveSink sink : leaving) {
            if (sink.pendingPoints() == 0) {
                retired.remove(sink);
            }
        }
        lastCycleMillis = (System.nanoTime() - start) / 1_000_000;
        longestCycleMillis = Math.max(longestCycleMillis, lastCycleMillis);
    }

    private static void take(LiveSink sink, List<Taken> taken) {
        for (PointBatch batch : sink.take()) {
            taken.add(new Taken(sink, batch));
        }
    }

    /** Up to {@code insertThreads} parts of about equal size, none smaller than needed to be worth an insert. */
    private List<List<Taken>> split(List<Taken> taken) {
        int parts = Math.max(1, Math.min(insertThreads, taken.size() / MIN_STREAMS_PER_INSERT));
        List<List<Taken>> out = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            List<Taken> part = taken.subList(taken.size() * p / parts, taken.size() * (p + 1) / parts);
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    private static void awaitAll(List<Future<?>> inserts) {
        for (Future<?> insert : inserts) {
            try {
                insert.get();
            } catch (ExecutionException e) {
                LOG.error("device sample insert task failed", e.getCause());
            } catch (InterruptedException e) {
                // each insert puts its own batches back on failure; the cycle just stops waiting
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Inserts the batches in one call; on a failure caused by one stream, halves and tries again. */
    private void insert(List<Taken> part, Set<LiveSink> failed) {
        List<StreamBatch> batches = new ArrayList<>(part.size());
        long points = 0;
        for (Taken t : part) {
            batches.add(new StreamBatch(
                    t.batch.stream, t.batch.times, t.batch.values, 0, t.batch.size, MergePolicy.REPLACE));
            points += t.batch.size;
        }
        try {
            writer.insertAll(batches);
            pointsInserted.addAndGet(points);
            part.forEach(t -> t.sink.recycle(t.batch));
        } catch (StoreException e) {
            if (part.size() > 1 && ONE_STREAM_FAILURES.contains(e.code())) {
                insert(part.subList(0, part.size() / 2), failed);
                insert(part.subList(part.size() / 2, part.size()), failed);
            } else {
                part.forEach(t -> fail(t, e, failed));
            }
        } catch (RuntimeException e) {
            part.forEach(t -> fail(t, e, failed));
        }
    }

    private void fail(Taken taken, Throwable cause, Set<LiveSink> failed) {
        String reason = "store insert failed [stream=" + taken.batch.stream + ", cause=" + cause + "]";
        taken.sink.putBack(taken.batch, reason);
        failed.add(taken.sink);
        if (!sinks.contains(taken.sink)) {
            // retired while this insert ran: keep flushing it until its points are in
            retired.add(taken.sink);
        }
        long occurrences = failureLog.occurred();
        if (occurrences > 0) {
            LOG.warn(
                    "{}; kept for the next flush [alias={}, occurrences={}]",
                    reason,
                    taken.sink.alias(),
                    occurrences,
                    cause);
        }
    }

    /** A batch taken from its sink for this cycle. */
    private record Taken(LiveSink sink, PointBatch batch) {}
}
