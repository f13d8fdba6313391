// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.receiver.SenderStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SenderCountersTest {

    @Test
    void givenFileCountedBeforeLoading_whenLoaded_thenCountsAddUpAndNothingWrittenBefore() {
        SenderCounters counters = new SenderCounters(10);
        List<SenderStats> written = new ArrayList<>();
        counters.received("P1", 10, "r", "/root/a.dat");
        counters.drainDirty(written::add);
        assertTrue(written.isEmpty(), "nothing is written before the stored counters are loaded");

        counters.seed(new SenderStats("P1", null, 5, 100, 2, "old", "", "/root/z.dat"));
        counters.loaded();
        counters.drainDirty(written::add);

        SenderStats s = written.get(0);
        assertEquals(6, s.files());
        assertEquals(110, s.bytes());
        assertEquals(2, s.rejected());
        assertEquals("/root/a.dat", s.lastPath());
        assertEquals("old", s.lastError());
    }

    @Test
    void givenWritesFailing_whenTheyWorkAgain_thenLatestCountersWritten() {
        SenderCounters counters = new SenderCounters(10);
        counters.loaded();
        counters.received("P1", 10, "r", "a");
        assertThrows(
                IllegalStateException.class,
                () -> counters.drainDirty(s -> {
                    throw new IllegalStateException("disk full");
                }));
        counters.received("P1", 10, "r", "b");

        List<SenderStats> written = new ArrayList<>();
        counters.drainDirty(written::add);

        assertEquals(1, written.size());
        assertEquals(2, written.get(0).files());
    }

    @Test
    void givenMaxSerialsReached_whenNewSerialSends_thenNotCountedAndKnownOnesStill() {
        SenderCounters counters = new SenderCounters(2);
        counters.rejected("A", "x", "r", "p");
        counters.rejected("B", "x", "r", "p");
        counters.rejected("C", "x", "r", "p");
        counters.received("A", 1, "r", "p");

        assertEquals(
                List.of("A", "B"),
                counters.all().stream().map(SenderStats::serial).toList());
        assertEquals(1, counters.all().get(0).files());
    }
}
