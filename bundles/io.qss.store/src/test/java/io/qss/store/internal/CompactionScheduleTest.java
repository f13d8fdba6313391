// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.CompactionResult;
import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompactionScheduleTest {

    /** A clock stopped 50 ms before 03:00 UTC: every run schedules the next one 50 ms later. */
    private static final Clock STOPPED_BEFORE_THREE =
            Clock.fixed(Instant.parse("2026-12-07T02:59:59.950Z"), ZoneOffset.UTC);

    private static ZonedDateTime at(String local, String zone) {
        return ZonedDateTime.of(LocalDateTime.parse(local), ZoneId.of(zone));
    }

    @Test
    void nextRunIsTheNextHourOfTheDayStrictlyAfterNow() {
        assertEquals(Duration.ofMinutes(30), CompactionSchedule.untilNext(at("2026-12-07T02:30:00", "UTC"), 3));
        assertEquals(Duration.ofDays(1), CompactionSchedule.untilNext(at("2026-12-07T03:00:00", "UTC"), 3));
        assertEquals(
                Duration.ofHours(23).minusSeconds(1),
                CompactionSchedule.untilNext(at("2026-12-07T04:00:01", "UTC"), 3));
        assertEquals(Duration.ofHours(3), CompactionSchedule.untilNext(at("2026-12-07T00:00:00", "UTC"), 3));
    }

    @Test
    void aDaylightSavingDayStillRunsOnceAtTheLocalHour() {
        // Europe/Berlin springs forward at 02:00 on 2026-03-29: from 00:30 to 03:00 local is 1.5 h
        assertEquals(
                Duration.ofMinutes(90), CompactionSchedule.untilNext(at("2026-03-29T00:30:00", "Europe/Berlin"), 3));
        // and falls back at 03:00 on 2026-10-25: from 00:30 to 03:00 local is 3.5 h
        assertEquals(
                Duration.ofMinutes(210), CompactionSchedule.untilNext(at("2026-10-25T00:30:00", "Europe/Berlin"), 3));
    }

    @Test
    void aFailedRunIsReportedAndTheNextOneStillComes() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch twice = new CountDownLatch(2);
        CompactionSchedule schedule = CompactionSchedule.start(3, STOPPED_BEFORE_THREE, () -> {
            int call = calls.incrementAndGet();
            twice.countDown();
            if (call == 1) {
                throw new StoreException(ErrorCode.IO_ERROR, "disk gone");
            }
            return call == 2 ? Optional.of(new CompactionResult(2, 4096, 7, 1)) : Optional.empty();
        });
        assertTrue(twice.await(10, TimeUnit.SECONDS), "second run did not come after a failed one");
        schedule.close();
        assertEquals(
                "daily at 03:00, last: 2026-12-07T02:59:59Z, 2 segments (4096 bytes) freed, 1 versions expired, 0 s",
                schedule.describe());
    }

    @Test
    void aFailureIsWhatTheHealthShowsUntilTheNextRun() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        CompactionSchedule schedule = CompactionSchedule.start(3, STOPPED_BEFORE_THREE, () -> {
            ran.countDown();
            throw new StoreException(ErrorCode.IO_ERROR, "disk gone");
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        schedule.close();
        assertEquals("daily at 03:00, last: 2026-12-07T02:59:59Z, failed: disk gone", schedule.describe());
    }

    @Test
    void nothingToCompactLeavesTheLastRunAsItWas() throws Exception {
        CountDownLatch ran = new CountDownLatch(3);
        CompactionSchedule schedule = CompactionSchedule.start(3, STOPPED_BEFORE_THREE, () -> {
            ran.countDown();
            return Optional.empty();
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        schedule.close();
        assertEquals("daily at 03:00, last: none yet", schedule.describe());
    }

    @Test
    void anHourOutsideTheDayIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> CompactionSchedule.start(24, Clock.systemUTC(), Optional::empty));
        assertEquals("compaction hour out of range [hour=24, range=0..23]", e.getMessage());
    }
}
