// SPDX-License-Identifier: Apache-2.0
package io.qss.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PointWidthsTest {

    @Test
    void givenTimesInsideAndOnWindowEdges_whenRounded_thenDownAndUpToMultiplesOfTheWidth() {
        assertEquals(1024, PointWidths.floor(1500, 10));
        assertEquals(2048, PointWidths.ceil(1500, 10));
        assertEquals(2048, PointWidths.floor(2048, 10));
        assertEquals(2048, PointWidths.ceil(2048, 10));
        assertEquals(7, PointWidths.floor(7, 0));
        assertEquals(7, PointWidths.ceil(7, 0));
    }

    @Test
    void givenTimesBefore1970_whenRounded_thenTowardsMinusInfinityNotZero() {
        assertEquals(-1024, PointWidths.floor(-1, 10));
        assertEquals(0, PointWidths.ceil(-1, 10));
        assertEquals(-2048, PointWidths.floor(-1025, 10));
        assertEquals(-1024, PointWidths.ceil(-1025, 10));
    }
}
