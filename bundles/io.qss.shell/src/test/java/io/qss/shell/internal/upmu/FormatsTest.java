// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void givenManualExtFlags_whenParsed_thenTrueOrFalseOrError() {
        assertTrue(Formats.parseExtended("true"));
        assertTrue(Formats.parseExtended("ext"));
        assertFalse(Formats.parseExtended(null));
        assertFalse(Formats.parseExtended("false"));
        assertThrows(IllegalArgumentException.class, () -> Formats.parseExtended("4"));
    }

    @Test
    void givenIsoOrNanos_whenParsed_thenEpochNanos() {
        assertEquals(1_000_000_000L, Formats.parseTime("1970-01-01T00:00:01Z"));
        assertEquals(42L, Formats.parseTime("42"));
    }

    @Test
    void givenRows_whenRendered_thenColumnsAligned() {
        String out = new Table("A", "BB").row("xxx", 1).row(null, "z").render();

        assertEquals("A    BB\nxxx  1\n-    z\n", out);
    }

    @Test
    void givenByteCounts_whenFormatted_thenBinaryUnits() {
        assertEquals("369.8 KiB", Formats.bytes(378_720));
        assertEquals("12 B", Formats.bytes(12));
    }
}
