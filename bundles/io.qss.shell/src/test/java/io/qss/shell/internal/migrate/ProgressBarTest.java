// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private long now;

    @Test
    void givenQuarterDoneInTwentySeconds_whenPrinted_thenRateAndEtaOfTheRest() {
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), "files", 10_000, () -> now);
        now = 20_000_000_000L;

        assertEquals("files [#####---------------]  25%  2500/10000  125.0 files/s  ETA 0:01:00", bar.line(2500, now));
    }

    @Test
    void givenSteps_whenLessThanASecondApart_thenOneLinePerSecondAndTheLast() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(out, true), "files", 3, () -> now);
        now = 400_000_000L;
        bar.step(1);
        now = 1_100_000_000L;
        bar.step(2);
        now = 1_500_000_000L;
        bar.step(3);
        bar.finish(3);

        assertEquals(2, out.toString().lines().count(), out.toString());
        assertEquals(
                "files [####################] 100%  3/3  2.0 files/s  ETA -",
                out.toString().lines().toList().get(1));
    }
}
