// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {

    @TempDir
    Path tmp;

    @Test
    void givenWorldReadableBackup_whenRestored_thenFoldersAre0700AndFiles0600() throws Exception {
        Path backup = Files.createDirectories(tmp.resolve("backup/store/streams"));
        Path block = Files.writeString(backup.resolve("block"), "data");
        Files.setPosixFilePermissions(block, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(backup, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path store = Files.createDirectories(tmp.resolve("qss-data/store"));
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwxr-xr-x"));

        DataFiles.replace(store, tmp.resolve("backup/store"));

        assertEquals("rwx------", permissions(store));
        assertEquals("rwx------", permissions(store.resolve("streams")));
        assertEquals("rw-------", permissions(store.resolve("streams/block")));
        assertEquals("data", Files.readString(store.resolve("streams/block")));
    }

    @Test
    void givenTreeWrittenByOthers_whenRestricted_thenEverythingOwnerOnly() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("backup/store"));
        Path file = Files.writeString(dir.resolve("MANIFEST"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));

        DataFiles.restrictTree(tmp.resolve("backup"));

        assertEquals("rwx------", permissions(tmp.resolve("backup")));
        assertEquals("rwx------", permissions(dir));
        assertEquals("rw-------", permissions(file));
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
