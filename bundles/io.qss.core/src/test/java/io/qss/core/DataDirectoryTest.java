// SPDX-License-Identifier: Apache-2.0
package io.qss.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(DataDirectory.PROPERTY);
    }

    @Test
    void givenPropertySet_whenResolved_thenSubdirectoriesSitBelowIt() {
        System.setProperty(DataDirectory.PROPERTY, "/srv/qss/../qss-data");
        DataDirectory dir = DataDirectory.fromSystemProperties();
        assertEquals(Path.of("/srv/qss-data"), dir.root());
        assertEquals(Path.of("/srv/qss-data/store"), dir.store());
        assertEquals(Path.of("/srv/qss-data/mongo"), dir.mongo());
    }

    @Test
    void givenPropertyBlank_whenResolved_thenDefaultsUnderWorkingDirectory() {
        System.setProperty(DataDirectory.PROPERTY, " ");
        assertEquals(
                Path.of(DataDirectory.DEFAULT_NAME).toAbsolutePath(),
                DataDirectory.fromSystemProperties().root());
    }

    @Test
    void givenWorldReadableTree_whenRestricted_thenFoldersAre0700FilesAre0600AndLinksUntouched(@TempDir Path tmp)
            throws Exception {
        Path root = tmp.resolve("qss-data");
        Path file = Files.createDirectories(root.resolve("mongo")).resolve("qss.mv.db");
        Files.writeString(file, "x");
        Path outside = Files.writeString(tmp.resolve("outside"), "y");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.setPosixFilePermissions(root.resolve("mongo"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));

        DataDirectory data = new DataDirectory(root);
        assertEquals(3, data.restrictToOwner(), "root, mongo/ and its file");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("mongo"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(outside)));
        assertEquals(0, data.restrictToOwner(), "nothing left to change");
    }
}
