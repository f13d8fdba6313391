// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.receiver.SpooledFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolImplTest {

    @TempDir
    Path dir;

    private final List<SpooledFile> notified = new ArrayList<>();

    private SpoolImpl spool() throws Exception {
        SpoolImpl spool = new SpoolImpl(dir, () -> true);
        spool.addListener(notified::add);
        return spool;
    }

    @Test
    void givenPartialFilesAfterCrash_whenReconciled_thenRemovedAndCompleteFilesKept() throws Exception {
        SpoolImpl first = spool();
        first.store("P1", "2026/01/a.dat", new byte[] {1, 2});
        Files.write(dir.resolve(".incoming/123.part"), new byte[] {7});

        SpoolImpl restarted = spool();
        int removed = restarted.reconcile();

        assertEquals(1, removed);
        assertFalse(Files.exists(dir.resolve(".incoming/123.part")));
        assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(dir.resolve("P1/2026/01/a.dat")));
        assertEquals(List.of("P1"), restarted.serials());
    }

    @Test
    void givenPartialFilesOfTwoNodesInOneSharedFolder_whenOneReconciles_thenOnlyItsOwnRemoved() throws Exception {
        SpoolImpl a = new SpoolImpl(dir, () -> true, "host-a");
        Files.write(dir.resolve(".incoming/host-a~7.part"), new byte[] {1});
        Files.write(dir.resolve(".incoming/host-b~7.part"), new byte[] {2});

        int removed = a.reconcile();
        a.store("P1", "x.dat", new byte[] {3});

        assertEquals(1, removed);
        assertFalse(Files.exists(dir.resolve(".incoming/host-a~7.part")));
        assertTrue(Files.exists(dir.resolve(".incoming/host-b~7.part")), "the other node's file in progress");
    }

    @Test
    void givenSamePathTwice_whenStored_thenReplacedAndBothNotified() throws Exception {
        SpoolImpl spool = spool();

        spool.store("P1", "a.dat", new byte[] {1});
        SpooledFile second = spool.store("P1", "a.dat", new byte[] {2, 3});

        assertEquals(2, second.size());
        assertArrayEquals(new byte[] {2, 3}, Files.readAllBytes(second.file()));
        assertEquals(2, notified.size());
        assertTrue(Files.list(dir.resolve(".incoming")).findAny().isEmpty());
    }

    @Test
    void givenUnsafeSerial_whenStored_thenRejectedWithReason() throws Exception {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> spool().store("../P1", "a.dat", new byte[] {1}));

        assertTrue(e.getMessage().startsWith("serial rejected"));
    }

    @Test
    void givenSourceFile_whenImported_thenCopiedAndNotified() throws Exception {
        Path source = Files.write(dir.resolve("src.dat"), new byte[] {4, 5, 6});

        SpooledFile f = spool().importFile("P2", "x/src.dat", source);

        assertArrayEquals(new byte[] {4, 5, 6}, Files.readAllBytes(f.file()));
        assertEquals(3, f.size());
        assertEquals(1, notified.size());
    }

    @Test
    void givenOverlongDevicePath_whenStored_thenShortenedFileHoldsDataAndDeviceNameKeptHidden() throws Exception {
        String path = "/root/upmu_data/" + "d".repeat(300) + "/" + "f".repeat(180) + ".dat";
        SpoolImpl spool = spool();

        SpooledFile f = spool.store("P1", path, new byte[] {7});

        assertEquals(path, f.devicePath());
        assertEquals(path, spool.devicePath("P1", f.path()));
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(f.file()));
        try (var names = Files.list(f.file().getParent())) {
            assertEquals(
                    List.of(
                            "." + f.file().getFileName() + ".name",
                            f.file().getFileName().toString()),
                    names.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the data file and its hidden name");
        }
        assertEquals("root/upmu_data/x.dat", spool.devicePath("P1", "root/upmu_data/x.dat"));
    }
}
