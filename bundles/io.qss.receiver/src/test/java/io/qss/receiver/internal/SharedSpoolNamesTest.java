// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SharedSpoolNamesTest {

    /** What store volumes take as object names. */
    private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    @Test
    void givenSpoolPathsOfEveryKind_whenNamed_thenVolumeSafeAndParsedBack() {
        String[][] files = {
            {"P3001234", "2026/12/06/20/P3001234_20261206_200000.dat"},
            {"P_1.x-y", "a b/ü€/file~1.dat"},
            {"P1", "x/upload.tmp"},
            {"P1", "x/%41_5f"},
        };
        for (String[] f : files) {
            String name = SharedSpoolNames.objectName(f[0], f[1]);

            assertTrue(VOLUME_NAME.matcher(name).matches(), name);
            assertTrue(!name.endsWith(".tmp"), name);
            assertEquals(Optional.of(new SharedSpoolNames.SharedName(name, f[0], f[1])), SharedSpoolNames.parse(name));
        }
        assertEquals("P3001234/2026/a_5fb.dat", SharedSpoolNames.objectName("P3001234", "2026/a_b.dat"));
    }

    @Test
    void givenNamesNotMadeHere_whenParsed_thenEmpty() {
        for (String foreign :
                new String[] {"meta", "P1/x.dat.tmp", "P1/bad_zz", "P1/cut_4", "P1/x_41.dat", "/x", "P1/"}) {
            assertEquals(Optional.empty(), SharedSpoolNames.parse(foreign), foreign);
        }
    }
}
