// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.core.health.HealthReport;
import io.qss.core.health.HealthState;
import io.qss.core.health.SystemHealth;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentHealthTest {

    private static SystemHealth health(HealthState state) {
        return new SystemHealth(state, Map.of("store", HealthReport.of(state, "")));
    }

    @Test
    void givenRecentHealth_whenAskedAgain_thenAnsweredWithoutAskingTheComponents() {
        AtomicInteger computed = new AtomicInteger();
        try (RecentHealth recent = new RecentHealth(() -> {
            computed.incrementAndGet();
            return health(HealthState.UP);
        })) {
            SystemHealth first = recent.get();
            assertSame(first, recent.get());
            assertEquals(1, computed.get());
        }
    }

    @Test
    void givenSlowComponents_whenHealthOlderThanTheRefreshPeriod_thenLatestAnsweredAtOnceAndNextComputedAside()
            throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger computed = new AtomicInteger();
        try (RecentHealth recent = new RecentHealth(() -> {
            if (computed.incrementAndGet() > 1) {
                await(release);
                return health(HealthState.DEGRADED);
            }
            return health(HealthState.UP);
        })) {
            recent.get();
            Thread.sleep(RecentHealth.REFRESH_MILLIS + 50);
            long started = System.nanoTime();
            assertEquals(HealthState.UP, recent.get().overall(), "the latest, while the next is computed");
            assertTrue(System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(500), "waited for a slow report");
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (recent.get().overall() != HealthState.DEGRADED && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(HealthState.DEGRADED, recent.get().overall(), "the refreshed health");
        }
    }

    @Test
    void givenStaleHealth_whenAsked_thenComputedOnTheRequestsThread() throws Exception {
        AtomicInteger computed = new AtomicInteger();
        try (RecentHealth recent =
                new RecentHealth(() -> health(computed.incrementAndGet() == 1 ? HealthState.UP : HealthState.DOWN))) {
            recent.get();
            Thread.sleep(RecentHealth.STALE_MILLIS + 100);
            assertEquals(HealthState.DOWN, recent.get().overall(), "a stale health is never answered");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
