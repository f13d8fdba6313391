// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.io.MetaRecord.Superblock;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Version runs written and read through a volume: every lookup path (kept keys, direct keys, the last slice), with the
 * commit times of format 3 and the entries without them of format 2.
 */
class VersionRunTest {

    @TempDir
    Path dir;

    @Test
    void givenLargeRun_whenLookingUpEveryEntryAndGaps_thenFoundExactlyAndCursorReadsAllInOrder() throws Exception {
        List<Superblock> sorted = new ArrayList<>();
        // past 16 << 12 entries, so a search also probes keys that are not kept
        for (int s = 0; s < 300; s++) {
            UUID stream = new UUID(s * 0x9E3779B97F4A7C15L, -s);
            for (long v = 10; v < 10 + 2 * 1000; v += 2) {
                // every other version with a commit time, the rest without (as moved from a format 2 store)
                long commitMillis = v % 4 == 0 ? 1_765_000_000_000L + v * 1000 : Superblock.TIME_UNKNOWN;
                sorted.add(new Superblock(stream, v, v * 7, v, s, v * 3, commitMillis));
            }
        }
        sorted.sort(VersionRun.ORDER);
        try (StoreVolume volume = FileVolumes.open(dir)) {
            int[] at = {0};
            long n = VersionRun.write(
                    volume, "versions-00000001.run", () -> at[0] < sorted.size() ? sorted.get(at[0]++) : null);
            assertEquals(sorted.size(), n);
            VersionRun run = VersionRun.open(volume, "versions-00000001.run", 1, n);
            for (int round = 0; round < 2; round++) { // the second round reads the kept keys
                for (Superblock sb : sorted) {
                    assertEquals(sb, run.find(sb.stream(), sb.version()));
                    assertNull(run.find(sb.stream(), sb.version() + 1), "odd versions were never written");
                }
            }
            assertNull(run.find(new UUID(Long.MIN_VALUE, 0), 10));
            assertNull(run.find(new UUID(Long.MAX_VALUE, 0), 10));
            VersionRun.Cursor cursor = run.cursor();
            for (Superblock sb : sorted) {
                assertEquals(sb, cursor.next());
            }
            assertNull(cursor.next());
        }
    }

    @Test
    void givenRunShorterThanItsManifestSays_whenOpened_thenCorrupt() throws Exception {
        try (StoreVolume volume = FileVolumes.open(dir)) {
            Superblock one = new Superblock(UUID.randomUUID(), 10, 1, 1, 1, 1);
            Iterator<Superblock> source = List.of(one).iterator();
            VersionRun.write(volume, "versions-00000002.run", () -> source.hasNext() ? source.next() : null);
            StoreException e =
                    assertThrows(StoreException.class, () -> VersionRun.open(volume, "versions-00000002.run", 2, 2));
            assertEquals(ErrorCode.CORRUPT_DATA, e.code());
            byte[] bytes = volume.readAll("versions-00000002.run");
            bytes[VersionRun.HEADER + 30] ^= 1;
            volume.replace("versions-00000002.run", bytes);
            VersionRun damaged = VersionRun.open(volume, "versions-00000002.run", 2, 1);
            StoreException bad = assertThrows(StoreException.class, () -> damaged.find(one.stream(), one.version()));
            assertEquals(ErrorCode.CORRUPT_DATA, bad.code());
        }
    }

    /** A run as format 2 wrote it (bytes laid out here by hand): read, its versions without a commit time. */
    @Test
    void givenFormat2Run_whenOpened_thenEveryEntryFoundWithoutCommitTimeAndCursorReadsThem() throws Exception {
        UUID stream = new UUID(3, 4);
        List<Superblock> entries = List.of(
                new Superblock(stream, 11, 1L << 40 | 16, 5, 1, 100),
                new Superblock(stream, 12, 1L << 40 | 400, 9, 2, 200));
        ByteBuffer bytes = ByteBuffer.allocate(16 + 60 * entries.size()).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put("QSSVRUN1".getBytes(StandardCharsets.US_ASCII)).putLong(entries.size());
        for (Superblock sb : entries) {
            int at = bytes.position();
            bytes.putLong(3)
                    .putLong(4)
                    .putLong(sb.version())
                    .putLong(sb.rootAddress())
                    .putLong(sb.count());
            bytes.putLong(sb.walSeq()).putLong(sb.treeBytes());
            CRC32C crc = new CRC32C();
            crc.update(bytes.array(), at, 56);
            bytes.putInt((int) crc.getValue());
        }
        try (StoreVolume volume = FileVolumes.open(dir)) {
            volume.replace("versions-00000003.run", bytes.array());

            VersionRun run = VersionRun.open(volume, "versions-00000003.run", 3, entries.size());

            for (Superblock sb : entries) {
                Superblock found = run.find(stream, sb.version());
                assertEquals(sb, found);
                assertFalse(found.hasCommitTime());
            }
            assertNull(run.find(stream, 13));
            VersionRun.Cursor cursor = run.cursor();
            assertEquals(entries.get(0), cursor.next());
            assertEquals(entries.get(1), cursor.next());
            assertNull(cursor.next());
        }
    }

    @Test
    void givenRunWithCommitTimes_whenWritten_thenEntriesOf68BytesUnderTheFormat3Magic() throws Exception {
        Superblock one = new Superblock(UUID.randomUUID(), 10, 1, 1, 1, 1, 1_765_000_000_000L);
        try (StoreVolume volume = FileVolumes.open(dir)) {
            Iterator<Superblock> source = List.of(one).iterator();
            VersionRun.write(volume, "versions-00000004.run", () -> source.hasNext() ? source.next() : null);

            byte[] bytes = volume.readAll("versions-00000004.run");

            assertEquals(16 + 68, bytes.length);
            assertEquals("QSSVRUN2", new String(bytes, 0, 8, StandardCharsets.US_ASCII));
            assertEquals(
                    1_765_000_000_000L,
                    VersionRun.open(volume, "versions-00000004.run", 4, 1)
                            .find(one.stream(), 10)
                            .commitMillis());
        }
    }
}
