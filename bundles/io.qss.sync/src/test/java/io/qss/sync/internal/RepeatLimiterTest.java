// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RepeatLimiterTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final RepeatLimiter limiter = new RepeatLimiter(60_000, clock::get);

    @Test
    void givenFailureEveryTwoSeconds_whenRepeated_thenLoggedOncePerMinuteWithHeldBackCount() {
        assertEquals(0, limiter.occurred("disk full"));
        int logged = 0;
        int lastHeldBack = -1;
        for (int i = 1; i <= 60; i++) {
            clock.addAndGet(2000);
            int heldBack = limiter.occurred("disk full");
            if (heldBack != RepeatLimiter.HOLD) {
                logged++;
                lastHeldBack = heldBack;
            }
        }

        assertEquals(2, logged);
        assertEquals(29, lastHeldBack);
        assertEquals(61, limiter.cleared());
        assertEquals(0, limiter.cleared());
    }

    @Test
    void givenDifferentFailure_whenOccurred_thenLoggedAtOnce() {
        limiter.occurred("disk full");
        clock.addAndGet(1000);

        assertEquals(RepeatLimiter.HOLD, limiter.occurred("disk full"));
        assertEquals(0, limiter.occurred("store closed"));
    }
}
