// SPDX-License-Identifier: Apache-2.0
package io.qss.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.VolumeSpace;
import io.qss.store.api.spi.WritableObject;
import io.qss.store.api.spi.WriterLease;
import io.qss.store.file.FileVolumes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileVolumeTest {

    @TempDir
    Path dir;

    @Test
    void givenStoreDirectoryWrittenAsFiles_whenOpenedAsVolume_thenEveryFileIsAnObjectUnderItsPath() throws Exception {
        Files.writeString(dir.resolve("FORMAT"), "qss-store-format=2\n");
        Files.createDirectories(dir.resolve("wal"));
        Files.createDirectories(dir.resolve("blocks"));
        Files.write(dir.resolve("wal/wal-00000001.log"), new byte[] {1, 2, 3});
        Files.write(dir.resolve("blocks/blocks-000001.seg"), new byte[10]);
        Files.write(dir.resolve("LOCK"), new byte[0]);
        try (StoreVolume volume = FileVolumes.open(dir)) {
            assertEquals(List.of("FORMAT", "blocks/blocks-000001.seg", "wal/wal-00000001.log"), volume.list(""));
            assertEquals(List.of("wal/wal-00000001.log"), volume.list("wal/"));
            assertEquals(List.of("blocks/blocks-000001.seg"), volume.list("blocks/blocks-"));
            assertEquals(10, volume.length("blocks/blocks-000001.seg"));
            assertArrayEquals(new byte[] {1, 2, 3}, volume.readAll("wal/wal-00000001.log"));
            assertEquals("qss-store-format=2\n", new String(volume.readAll("FORMAT"), StandardCharsets.UTF_8));
            assertEquals("dir=" + dir.toAbsolutePath().normalize(), volume.describe());
        }
    }

    @Test
    void givenNewObjectInSubfolder_whenWritten_thenFileAtThatPathAndReadsSeeWritesBeforeSync() throws Exception {
        try (StoreVolume volume = FileVolumes.open(dir.resolve("store"));
                WritableObject out = volume.openWritable("blocks/blocks-000002.seg", Long.MAX_VALUE)) {
            out.write(0, ByteBuffer.wrap(bytes(0, 100)));
            byte[] into = new byte[100];
            assertEquals(100, volume.read("blocks/blocks-000002.seg", 0, into, 0, 100));
            assertArrayEquals(bytes(0, 100), into);
            // past the mapping made by the first read: a positional read, or a new mapping, sees it at once
            out.write(100, ByteBuffer.wrap(bytes(100, 50)));
            byte[] tail = new byte[80];
            assertEquals(50, volume.read("blocks/blocks-000002.seg", 100, tail, 0, 80), "short only at the end");
            assertArrayEquals(bytes(100, 50), Arrays.copyOf(tail, 50));
            assertEquals(150, out.length());
            out.sync();
            assertEquals(150, Files.size(dir.resolve("store/blocks/blocks-000002.seg")));
        }
    }

    @Test
    void givenAbsentObject_whenRead_thenAbsenceIsAnswerNotError() throws Exception {
        try (StoreVolume volume = FileVolumes.open(dir)) {
            assertEquals(-1, volume.length("meta.log"));
            assertNull(volume.readAll("meta.log"));
            assertEquals(-1, volume.read("meta.log", 0, new byte[8], 0, 8));
            assertEquals(List.of(), volume.list("wal/"));
            volume.delete("meta.log");
        }
    }

    @Test
    void givenTornTail_whenOpenedForWritingAtTheValidEnd_thenBytesPastItAreCutOff() throws Exception {
        try (StoreVolume volume = FileVolumes.open(dir)) {
            try (WritableObject out = volume.openWritable("meta.log", 0)) {
                out.write(0, ByteBuffer.wrap(bytes(0, 100)));
                out.sync();
            }
            byte[] before = new byte[100];
            assertEquals(100, volume.read("meta.log", 0, before, 0, 100));
            try (WritableObject out = volume.openWritable("meta.log", 60)) {
                assertEquals(60, out.length());
            }
            assertEquals(60, Files.size(dir.resolve("meta.log")));
            assertArrayEquals(bytes(0, 60), volume.readAll("meta.log"));
            byte[] after = new byte[100];
            assertEquals(60, volume.read("meta.log", 0, after, 0, 100), "no stale mapping past the cut");
            try (WritableObject out = volume.openWritable("meta.log", Long.MAX_VALUE)) {
                assertEquals(60, out.length(), "MAX_VALUE keeps every byte");
            }
        }
    }

    @Test
    void givenObject_whenReplaced_thenReadersSeeTheNewContentAndNoTemporaryStays() throws Exception {
        Files.write(dir.resolve("CHECKPOINT.tmp"), bytes(7, 999)); // a crash between write and rename
        try (StoreVolume volume = FileVolumes.open(dir)) {
            volume.replace("CHECKPOINT", bytes(0, 40));
            byte[] into = new byte[40];
            assertEquals(40, volume.read("CHECKPOINT", 0, into, 0, 40));
            volume.replace("CHECKPOINT", bytes(1, 20));
            assertArrayEquals(bytes(1, 20), volume.readAll("CHECKPOINT"));
            byte[] again = new byte[40];
            assertEquals(20, volume.read("CHECKPOINT", 0, again, 0, 40), "the reader follows the replacement");
            assertArrayEquals(bytes(1, 20), Arrays.copyOf(again, 20));
            assertTrue(Files.notExists(dir.resolve("CHECKPOINT.tmp")));
            volume.delete("CHECKPOINT");
            assertEquals(-1, volume.length("CHECKPOINT"));
        }
    }

    @Test
    void givenLeaseHeld_whenSecondOpenerAsks_thenRefusedNamingTheHolderUntilReleased() throws Exception {
        try (StoreVolume first = FileVolumes.open(dir);
                StoreVolume second = FileVolumes.open(dir)) {
            WriterLease lease = first.acquireWriter("hostA:101");
            assertEquals("hostA:101", lease.holder());
            lease.check();
            StoreException refused = assertThrows(StoreException.class, () -> second.acquireWriter("hostB:202"));
            assertEquals(ErrorCode.UNAVAILABLE, refused.code());
            assertTrue(refused.getMessage().contains("hostA:101"), refused.getMessage());
            assertThrows(StoreException.class, () -> first.acquireWriter("hostA:101"), "not reentrant either");
            first.probeWrite();
            assertEquals("hostA:101", Files.readString(dir.resolve("LOCK")), "the probe leaves nothing behind");
            lease.close();
            try (WriterLease taken = second.acquireWriter("hostB:202")) {
                assertEquals("hostB:202", taken.holder());
            }
        }
    }

    @Test
    void givenNameEscapingTheDirectory_whenUsed_thenRefused() throws Exception {
        try (StoreVolume volume = FileVolumes.open(dir)) {
            for (String bad : List.of("../x", "/etc/passwd", "a/../../x", "LOCK", "a//b", "")) {
                StoreException e = assertThrows(StoreException.class, () -> volume.length(bad), bad);
                assertEquals(ErrorCode.WRONG_ARGS, e.code());
            }
        }
    }

    @Test
    void givenVolume_whenAskedForSpace_thenTheFileSystemsFigures() throws Exception {
        try (StoreVolume volume = FileVolumes.open(dir)) {
            VolumeSpace space = volume.space();
            assertTrue(space.totalBytes() > 0 && space.freeBytes() >= 0 && space.freeBytes() <= space.totalBytes());
            volume.probeWrite();
            assertEquals(List.of(), volume.list(""), "a probe without the lease leaves nothing behind");
        }
    }

    @Test
    void givenObjectReadThroughMapping_whenDeleted_thenGoneAndNameReusable() throws Exception {
        try (StoreVolume volume = FileVolumes.open(dir)) {
            writeNew(volume, "blocks/blocks-000001.seg", bytes(3, 64));
            byte[] into = new byte[64];
            assertEquals(64, volume.read("blocks/blocks-000001.seg", 0, into, 0, 64));
            volume.delete("blocks/blocks-000001.seg");
            assertEquals(-1, volume.read("blocks/blocks-000001.seg", 0, into, 0, 64));
            assertTrue(Files.notExists(dir.resolve("blocks/blocks-000001.seg")));
            writeNew(volume, "blocks/blocks-000001.seg", bytes(9, 8));
            byte[] fresh = new byte[8];
            assertEquals(8, volume.read("blocks/blocks-000001.seg", 0, fresh, 0, 8));
            assertArrayEquals(bytes(9, 8), fresh);
        }
    }

    @Test
    void givenReaderInterrupted_whenReadingAgain_thenTheObjectIsStillReadable() throws Exception {
        try (StoreVolume volume = FileVolumes.open(dir)) {
            writeNew(volume, "wal/wal-00000001.log", bytes(5, 100));
            byte[] into = new byte[120];
            Thread.currentThread().interrupt();
            try {
                // past the end, so no mapping covers it: a positional read, which the interrupt cuts short
                volume.read("wal/wal-00000001.log", 0, into, 0, 120);
            } catch (StoreException e) {
                assertEquals(ErrorCode.IO_ERROR, e.code(), e.getMessage());
            } finally {
                Thread.interrupted();
            }
            // an interrupted positional read closes its channel; the next reader must not inherit it
            assertEquals(100, volume.read("wal/wal-00000001.log", 0, into, 0, 120));
            assertArrayEquals(bytes(5, 100), Arrays.copyOf(into, 100));
        }
    }

    /** Creates (or cuts and rewrites) an object holding {@code content}, not synced. */
    private static void writeNew(StoreVolume volume, String name, byte[] content) throws StoreException {
        try (WritableObject out = volume.openWritable(name, 0)) {
            out.write(0, ByteBuffer.wrap(content));
        }
    }

    private static byte[] bytes(int seed, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }
}
