// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writeBackup() throws IOException {
        Files.createDirectories(dir.resolve("store/wal"));
        Files.writeString(dir.resolve("store/meta.log"), "meta");
        Files.writeString(dir.resolve("store/wal/wal-00000001.log"), "wal");
        Files.writeString(dir.resolve("etc.cfg"), "a=b");
        Manifest.write(dir, List.of("format=1"));
    }

    @Test
    void givenUntouchedBackup_whenVerifying_thenEveryFileChecks() throws IOException {
        assertEquals(3, Manifest.verify(dir));
    }

    @Test
    void givenChangedFile_whenVerifying_thenMismatchNamesTheFile() throws IOException {
        Files.writeString(dir.resolve("store/meta.log"), "metA");
        IOException e = assertThrows(IOException.class, () -> Manifest.verify(dir));
        assertTrue(
                e.getMessage().contains("checksum mismatch") && e.getMessage().contains("store/meta.log"),
                e.getMessage());
    }

    @Test
    void givenMissingOrExtraFile_whenVerifying_thenRefused() throws IOException {
        Files.writeString(dir.resolve("extra"), "x");
        assertTrue(assertThrows(IOException.class, () -> Manifest.verify(dir))
                .getMessage()
                .contains("extra"));
        Files.delete(dir.resolve("extra"));
        Files.delete(dir.resolve("etc.cfg"));
        assertTrue(assertThrows(IOException.class, () -> Manifest.verify(dir))
                .getMessage()
                .contains("missing"));
    }

    @Test
    void givenNoManifest_whenVerifying_thenRefused() throws IOException {
        Files.delete(dir.resolve(Manifest.FILE));
        assertThrows(IOException.class, () -> Manifest.verify(dir));
    }
}
