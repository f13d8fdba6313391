// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.CompactionResult;
import io.qss.store.api.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts the store once a day at a set hour of the local clock, on one daemon thread, so that the blocks of
 * obliterated streams and of versions the retention settings drop are freed without an operator asking
 * ({@code qss:store compact} still compacts at once). The time of day survives restarts, which an interval counted
 * from the start would not (a qss restarted daily would never compact). What the last run did is kept for the
 * health. Thread-safe.
 */
public final class CompactionSchedule implements AutoCloseable {

    /** One compaction; empty when there is nothing to compact now (a standby, a store not open). */
    @FunctionalInterface
    public interface Job {
        Optional<CompactionResult> run() throws StoreException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(CompactionSchedule.class);

    private final int hour;
    private final Clock clock;
    private final Job job;
    private final ScheduledExecutorService executor;
    private volatile String lastRun = "none yet";
    private volatile boolean closed;

    private CompactionSchedule(int hour, Clock clock, Job job) {
        this.hour = hour;
        this.clock = clock;
        this.job = job;
        executor = DaemonThreads.scheduler("qss-store-compaction");
    }

    /** Starts compacting daily at {@code hour} (0-23) of {@code clock}'s zone. */
    public static CompactionSchedule start(int hour, Clock clock, Job job) {
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("compaction hour out of range [hour=" + hour + ", range=0..23]");
        }
        CompactionSchedule schedule = new CompactionSchedule(hour, clock, job);
        schedule.scheduleNext();
        return schedule;
    }

    /** The time from {@code now} to the next {@code hour}:00 of its zone, strictly after {@code now}. */
    static Duration untilNext(ZonedDateTime now, int hour) {
        ZonedDateTime next = now.truncatedTo(ChronoUnit.HOURS).withHour(hour);
        if (!next.isAfter(now)) {
            next = now.truncatedTo(ChronoUnit.HOURS).plusDays(1).withHour(hour);
        }
        return Duration.between(now, next);
    }

    /** When compactions run and what the last one did, for the health. */
    public String describe() {
        return String.format("daily at %02d:00, last: %s", hour, lastRun);
    }

    private void scheduleNext() {
        if (closed) {
            return;
        }
        Duration delay = untilNext(ZonedDateTime.now(clock), hour);
        executor.schedule(this::runOnce, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        Instant started = clock.instant();
        try {
            Optional<CompactionResult> result = job.run();
            if (result.isPresent()) {
                CompactionResult r = result.get();
                long seconds = Duration.between(started, clock.instant()).toSeconds();
                lastRun = started.truncatedTo(ChronoUnit.SECONDS) + ", " + r.segmentsFreed() + " segments ("
                        + r.bytesFreed() + " bytes) freed, " + r.versionsExpired() + " versions expired, "
                        + seconds + " s";
                LOG.info("scheduled compaction done [{}]", lastRun);
            }
        } catch (StoreException | RuntimeException e) {
            lastRun = started.truncatedTo(ChronoUnit.SECONDS) + ", failed: " + e.getMessage();
            LOG.warn("scheduled compaction failed; next one tomorrow [hour={}]", hour, e);
        } finally {
            scheduleNext();
        }
    }

    /** Stops the schedule; a compaction running is interrupted (it then gives up cleanly). */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        executor.shutdownNow();
        executor.awaitTermination(1, TimeUnit.MINUTES);
    }
}
