// SPDX-License-Identifier: Apache-2.0
package io.qss.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GoFormatTest {

    @Test
    void givenValues_whenJson_thenGoShortestWithExponentOutsideMinus4To6() {
        assertEquals("0", GoFormat.json(0.0));
        assertEquals("-0", GoFormat.json(-0.0));
        assertEquals("1.5", GoFormat.json(1.5));
        assertEquals("123456", GoFormat.json(123456));
        assertEquals("1.2345675e+06", GoFormat.json(1234567.5));
        assertEquals("0.0001", GoFormat.json(0.0001));
        assertEquals("1e-05", GoFormat.json(0.00001));
        assertEquals("-2.5e+10", GoFormat.json(-2.5e10));
    }

    @Test
    void givenValues_whenFixed6_thenExactlyRoundedHalfEvenWithNegativeZeroKept() {
        assertEquals("1.500000", GoFormat.fixed6(1.5));
        assertEquals("0.000000", GoFormat.fixed6(0.0));
        assertEquals("-0.000000", GoFormat.fixed6(-0.0));
        assertEquals("-0.000000", GoFormat.fixed6(-1e-9));
        assertEquals("0.333333", GoFormat.fixed6(1.0 / 3));
        // the double nearest 120.0000005 lies just below it: exact rounding goes down, as Go does
        assertEquals("120.000000", GoFormat.fixed6(120.0000005));
    }
}
