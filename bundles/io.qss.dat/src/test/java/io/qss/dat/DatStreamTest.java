// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatStreamTest {
    @Test
    void givenCatalogue_whenListed_thenCanonicalOrderAndUnits() {
        assertEquals(
                "L1MAG L1ANG L2MAG L2ANG L3MAG L3ANG C1MAG C1ANG C2MAG C2ANG C3MAG C3ANG LSTATE",
                String.join(
                        " ",
                        DatStream.streams(false).stream()
                                .map(DatStream::streamName)
                                .toList()));
        assertEquals(
                List.of(
                        DatStream.FUND_W,
                        DatStream.FUND_VAR,
                        DatStream.FUND_VA,
                        DatStream.FUND_DPF,
                        DatStream.FREQ_L1_1S,
                        DatStream.FREQ_L1_C37),
                DatStream.streams(true).subList(13, 19));
        assertEquals("V", DatStream.L2MAG.unit());
        assertEquals("A", DatStream.C3MAG.unit());
        assertEquals("deg", DatStream.C1ANG.unit());
        assertEquals("bitmap", DatStream.LSTATE.unit());
        assertEquals("Hz", DatStream.FREQ_L1_C37.unit());
        assertTrue(DatStream.FUND_W.isExtended());
        assertFalse(DatStream.LSTATE.isExtended());
    }

    @Test
    void givenTimestampFields_whenConverted_thenMatchesJavaTime() {
        for (long second : new long[] {0, 951_782_400L, 1_767_225_600L, 4_102_444_799L, 1_709_164_800L}) {
            DatTimestamp t = DatTimestamp.ofEpochSecond(second);
            assertTrue(t.isValid());
            assertEquals(second, t.epochSecond(), t.toString());
        }
        assertFalse(new DatTimestamp(2023, 2, 29, 0, 0, 0).isValid());
        assertTrue(new DatTimestamp(2024, 2, 29, 0, 0, 0).isValid());
    }
}
