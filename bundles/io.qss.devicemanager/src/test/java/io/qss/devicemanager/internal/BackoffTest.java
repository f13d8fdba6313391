// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qss.devicemanager.internal.transport.Backoff;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void givenRepeatedFailures_thenDelaysDoubleUpToTheMaximum() {
        Backoff backoff = new Backoff(1000, 60_000, () -> 0.5);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            delays.add(backoff.next());
        }
        assertEquals(List.of(1000L, 2000L, 4000L, 8000L, 16_000L, 32_000L, 60_000L, 60_000L, 60_000L), delays);
    }

    @Test
    void givenJitter_thenDelayWithinTwentyPercent() {
        assertEquals(800, new Backoff(1000, 60_000, () -> 0.0).next());
        assertEquals(1200, new Backoff(1000, 60_000, () -> 1.0).next());
    }

    @Test
    void givenReset_thenMinimumAgain() {
        Backoff backoff = new Backoff(1000, 60_000, () -> 0.5);
        backoff.next();
        backoff.next();
        backoff.reset();
        assertEquals(1000, backoff.next());
    }

    @Test
    void givenBoundsInverted_thenRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 5, Math::random));
        assertEquals("back-off bounds invalid [min=10, max=5]", e.getMessage());
    }
}
