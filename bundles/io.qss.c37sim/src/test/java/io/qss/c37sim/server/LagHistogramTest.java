// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LagHistogramTest {

    @Test
    void percentilesOfRecordedLags() {
        LagHistogram lags = new LagHistogram();
        for (int ms = 1; ms <= 100; ms++) {
            lags.record(ms);
        }
        assertEquals(100, lags.count());
        assertEquals(50, lags.percentile(0.5));
        assertEquals(99, lags.percentile(0.99));
        assertEquals(100, lags.percentile(1.0));
    }

    @Test
    void clampsNegativeAndHugeLags() {
        LagHistogram lags = new LagHistogram();
        lags.record(-5);
        lags.record(60_000);
        assertEquals(0, lags.percentile(0.5));
        assertEquals(10_000, lags.percentile(1.0));
    }

    @Test
    void copyIsIndependentAndResetEmpties() {
        LagHistogram lags = new LagHistogram();
        lags.record(7);
        LagHistogram copy = lags.copy();
        lags.reset();
        assertEquals(-1, lags.percentile(0.5));
        assertEquals(7, copy.percentile(0.5));
    }

    @Test
    void addMergesTheLagsOfSeveralSenders() {
        LagHistogram first = new LagHistogram();
        LagHistogram second = new LagHistogram();
        for (int ms = 1; ms <= 50; ms++) {
            first.record(ms);
            second.record(ms + 50);
        }
        first.add(second);
        assertEquals(100, first.count());
        assertEquals(50, first.percentile(0.5));
        assertEquals(100, first.percentile(1.0));
        assertEquals(50, second.count(), "the added histogram is unchanged");
    }
}
