// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.registry.DeviceChange;
import io.qss.sync.RefusedFile;
import java.util.List;
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

    @Test
    void givenDeviceChanges_whenFormatted_thenOneSignedLineEach() {
        String out = Formats.changes(List.of(
                new DeviceChange(DeviceChange.Kind.ADDED, "P3", "c", List.of()),
                new DeviceChange(DeviceChange.Kind.REMOVED, "P2", "b", List.of()),
                new DeviceChange(DeviceChange.Kind.CHANGED, "P1", "a2", List.of("alias a -> a2", "ip x -> y"))));

        assertEquals("""
                + add    c [serial=P3]
                - remove b [serial=P2]
                ~ change a2 [serial=P1]: alias a -> a2; ip x -> y
                """, out);
    }

    @Test
    void givenRefusedFiles_whenFormatted_thenTableOfFileNamedAskedReason() {
        String out = Formats.refusals(List.of(
                new RefusedFile("x/P2_0.dat", "P2", "P1", "file belongs to another" + " serial"),
                new RefusedFile("f.dat", "", "", "file names no serial")));

        assertEquals("""
                refused (left in place, nothing imported from them):
                file        names serial  serial asked  reason
                x/P2_0.dat  P2            P1            file belongs to another serial
                f.dat       -             -             file names no serial
                """, out);
        assertEquals("", Formats.refusals(List.of()));
    }
}
