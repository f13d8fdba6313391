// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpoolPathsTest {

    @Test
    void givenDeviceAbsolutePath_whenMapped_thenLeadingSlashDroppedAndRestKept() {
        SpoolName n = SpoolPaths.map("/root/upmu_data/2016/09/19/14/P3001035_2016-09-19T14:00:00.dat");

        assertEquals("root/upmu_data/2016/09/19/14/P3001035_2016-09-19T14:00:00.dat", n.spoolPath());
        assertEquals("/root/upmu_data/2016/09/19/14/P3001035_2016-09-19T14:00:00.dat", n.devicePath());
        assertFalse(n.isShortened());
    }

    @Test
    void givenEmptyAndDotSegments_whenMapped_thenDropped() {
        assertEquals("a/b.dat", SpoolPaths.map("//a/./b.dat").spoolPath());
        assertEquals("2026/a.dat", SpoolPaths.map("2026/a.dat").spoolPath());
    }

    @Test
    void givenUnsafePaths_whenMapped_thenRejectedWithReason() {
        assertRejected("/root/../etc/passwd", "'..' segment");
        assertRejected("..", "'..' segment");
        assertRejected("/root/.sync/x.dat", "hidden segment");
        assertRejected("/root/a\\b.dat", "control character or backslash");
        assertRejected("/root/a\u0000.dat", "control character or backslash");
        assertRejected("/root/a\n.dat", "control character or backslash");
        assertRejected("/", "no file name");
        assertRejected("", "empty");
    }

    @Test
    void givenBytesThatAreNotUtf8_whenMapped_thenRejectedShowingTheBytes() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SpoolPaths.map(new byte[] {'/', 'a', (byte) 0xff, '.', 'd'}));

        assertEquals("file path rejected: not UTF-8 [file_path=/a\\xff.d]", e.getMessage());
    }

    @Test
    void givenOverlongSegment_whenMapped_thenShortenedDeterministicallyKeepingPrefixAndExtension() {
        String longName = "P3001035_" + "é".repeat(200) + ".dat";
        SpoolName a = SpoolPaths.map("/root/" + longName);
        SpoolName b = SpoolPaths.map("/root/" + longName);
        SpoolName other = SpoolPaths.map("/root/" + longName.replace("P3001035", "P3001036"));

        assertTrue(a.isShortened());
        assertEquals(a, b);
        assertNotEquals(a.spoolPath(), other.spoolPath());
        String name = a.spoolPath().substring("root/".length());
        assertTrue(name.startsWith("P3001035_é"), name);
        assertTrue(name.matches(".*~[0-9a-f]{16}\\.dat"), name);
        assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= SpoolPaths.MAX_NAME_BYTES, name);
        assertTrue(
                SpoolPaths.shortened("x".repeat(SpoolPaths.MAX_NAME_BYTES))
                        .equals("x".repeat(SpoolPaths.MAX_NAME_BYTES)),
                "a name at the limit is kept");
    }

    @Test
    void givenRefusedPath_whenShown_thenUnicodeKeptAndControlBytesEscaped() {
        assertEquals("/a/../é\\x0a", SpoolPaths.displayable("/a/../é\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("/a\\xe9", SpoolPaths.displayable(new byte[] {'/', 'a', (byte) 0xe9}));
    }

    private static void assertRejected(String path, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpoolPaths.map(path));
        assertTrue(e.getMessage().startsWith("file path rejected: " + reason), e.getMessage());
    }
}
