// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcRestoreTest {

    @TempDir
    Path dir;

    @Test
    void givenChangedMissingAndNewFiles_whenRestored_thenBackupsContentBackPreviousSavedNewKept() throws Exception {
        Path backup = Files.createDirectories(dir.resolve("backup/etc"));
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(backup.resolve("io.qss.api.rest.cfg"), "port = 9000\n");
        Files.writeString(backup.resolve("same.cfg"), "a = 1\n");
        Files.createDirectories(backup.resolve("sub"));
        Files.writeString(backup.resolve("sub/deleted.properties"), "x = y\n");
        Files.writeString(etc.resolve("io.qss.api.rest.cfg"), "port = 9100\n");
        Files.writeString(etc.resolve("same.cfg"), "a = 1\n");
        Files.writeString(etc.resolve("io.qss.ups.cfg"), "port = 3551\n");
        Path save = dir.resolve("saved");

        EtcRestore.Result result = EtcRestore.restore(backup, etc, save);

        assertEquals(2, result.replaced());
        assertEquals(1, result.unchanged());
        assertEquals(1, result.kept());
        assertEquals("port = 9000\n", Files.readString(etc.resolve("io.qss.api.rest.cfg")));
        assertEquals("x = y\n", Files.readString(etc.resolve("sub/deleted.properties")));
        assertEquals("port = 3551\n", Files.readString(etc.resolve("io.qss.ups.cfg")));
        assertEquals("port = 9100\n", Files.readString(save.resolve("io.qss.api.rest.cfg")));
        assertFalse(Files.exists(save.resolve("same.cfg")));
        try (var left = Files.list(etc)) {
            assertFalse(left.anyMatch(p -> p.toString().endsWith(".restore-part")));
        }
    }
}
