// SPDX-License-Identifier: Apache-2.0
package io.qss.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final LogThrottle throttle = LogThrottle.oncePer(Duration.ofMinutes(1), now::get);

    @Test
    void givenRepeatedFailure_whenWithinOneInterval_thenOnlyTheFirstIsLogged() {
        assertEquals(1, throttle.occurred());
        for (int i = 0; i < 240; i++) {
            now.addAndGet(Duration.ofMillis(250).toNanos() - 1);
            assertEquals(0, throttle.occurred());
        }
    }

    @Test
    void givenSuppressedOccurrences_whenIntervalPassed_thenNextLineCountsThemAndItself() {
        throttle.occurred();
        throttle.occurred();
        throttle.occurred();
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertEquals(3, throttle.occurred());
        assertEquals(0, throttle.occurred());
    }

    @Test
    void givenCleared_whenFailingAgain_thenLoggedAtOnceAndSuppressedCountReturned() {
        throttle.occurred();
        throttle.occurred();
        throttle.occurred();
        assertEquals(2, throttle.cleared());
        assertEquals(1, throttle.occurred());
        assertEquals(0, throttle.cleared());
    }

    @Test
    void givenNegativeInterval_whenCreated_thenRefused() {
        assertThrows(IllegalArgumentException.class, () -> LogThrottle.oncePer(Duration.ofSeconds(-1), now::get));
    }
}
