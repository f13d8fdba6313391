// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FrameCountersTest {

    @Test
    void givenSteadyFrames_thenRateOverTheWindow() {
        FrameCounters counters = new FrameCounters();
        for (int second = 0; second <= 10; second++) {
            counters.count(60, second == 3 ? 1 : 0, second * 1000L);
            counters.sample(second * 1000L);
        }

        assertEquals(60.0, counters.framesPerSecond(), 1e-9);
        assertEquals(660, counters.valid());
        assertEquals(1, counters.invalid());
        assertEquals(Instant.ofEpochMilli(10_000), counters.lastFrame());
    }

    @Test
    void givenFramesStop_thenRateFallsToZero() {
        FrameCounters counters = new FrameCounters();
        counters.count(100, 0, 0);
        for (int second = 0; second <= 6; second++) {
            counters.sample(second * 1000L);
        }

        assertEquals(0.0, counters.framesPerSecond(), 1e-9);
    }

    @Test
    void givenNoFrames_thenNoLastFrame() {
        assertNull(new FrameCounters().lastFrame());
    }
}
