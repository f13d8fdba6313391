// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateWindowTest {

    private final AtomicLong clock = new AtomicLong(5_000_000);
    private final RateWindow window = new RateWindow(clock::get);

    @Test
    void givenFilesOverTwoMinutes_whenRated_thenOnlyTheLastMinuteCounts() {
        for (int second = 0; second < 120; second++) {
            window.add(second < 60 ? 2 : 1, second < 60 ? 200 : 100);
            clock.addAndGet(1000);
        }
        clock.addAndGet(-1000);

        assertEquals(new RateWindow.Rate(1.0, 100.0), window.rate());
    }

    @Test
    void givenFewSecondsSinceStart_whenRated_thenAveragedOverThoseSeconds() {
        window.add(3, 30);
        clock.addAndGet(2000);
        window.add(3, 30);

        assertEquals(new RateWindow.Rate(2.0, 20.0), window.rate());
    }
}
