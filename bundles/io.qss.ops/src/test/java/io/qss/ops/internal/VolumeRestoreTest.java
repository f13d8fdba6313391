// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.WritableObject;
import io.qss.store.file.FileVolumes;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeRestoreTest {

    @TempDir
    Path dir;

    @Test
    void givenVolumeWithOtherObjects_whenRestored_thenHoldsExactlyTheExportsFilesAsObjects() throws Exception {
        Path export = dir.resolve("backup/store");
        byte[] big = new byte[3 * (1 << 20) + 17];
        new Random(7).nextBytes(big);
        write(export.resolve("FORMAT"), "qss-store-format=2\n".getBytes());
        write(export.resolve("blocks/blocks-000001.seg"), big);
        write(export.resolve("wal/wal-00000001.log"), new byte[] {1, 2, 3});
        Path location = dir.resolve("elsewhere");
        try (StoreVolume volume = FileVolumes.open(location)) {
            try (WritableObject stale = volume.openWritable("blocks/blocks-000009.seg", 0)) {
                stale.write(0, ByteBuffer.wrap(new byte[] {9}));
                stale.sync();
            }

            int written = VolumeRestore.replace(volume, export);

            assertEquals(3, written);
            assertEquals(List.of("FORMAT", "blocks/blocks-000001.seg", "wal/wal-00000001.log"), volume.list(""));
            assertArrayEquals(big, volume.readAll("blocks/blocks-000001.seg"));
            assertArrayEquals(new byte[] {1, 2, 3}, volume.readAll("wal/wal-00000001.log"));
        }
    }

    @Test
    void givenNoExport_whenRestored_thenTheVolumeIsEmptyAndItsLeaseFree() throws Exception {
        try (StoreVolume volume = FileVolumes.open(dir.resolve("store"))) {
            volume.replace("FORMAT", new byte[] {1});

            assertEquals(0, VolumeRestore.replace(volume, null));

            assertTrue(volume.list("").isEmpty());
            volume.acquireWriter("next").close();
        }
    }

    @Test
    void givenStoreConfiguration_whenAsked_thenOnlyTheDefaultFileFolderIsReplacedAsFiles() {
        Path data = dir.resolve("qss-data");
        Hashtable<String, Object> rados = new Hashtable<>();
        rados.put("backend", "rados");
        Hashtable<String, Object> elsewhere = new Hashtable<>();
        elsewhere.put("location", dir.resolve("other").toString());
        Hashtable<String, Object> sameFolder = new Hashtable<>();
        sameFolder.put("location", data.resolve("store").toString());

        assertTrue(StoreArea.of(null).isDataFolder(data));
        assertTrue(StoreArea.of(sameFolder).isDataFolder(data));
        assertFalse(StoreArea.of(rados).isDataFolder(data));
        assertFalse(StoreArea.of(elsewhere).isDataFolder(data));
        assertEquals(data.resolve("store").toString(), StoreArea.of(rados).locationIn(data));
    }

    private static void write(Path file, byte[] bytes) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
