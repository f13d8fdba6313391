// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.FaultyVolume.Fault;
import io.qss.store.internal.io.SegmentBlockStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The block store's batched writes and scan read-ahead, on files under a {@link FaultyVolume} that counts what
 * reaches the volume: a commit's blocks go out as a few large writes in address order, a failed write fails the sync
 * naming the segment and loses no block, and a scan in address order costs a few reads for thousands of blocks.
 */
class BatchedBlockIoTest {

    private static final long SEGMENT_BYTES = 1L << 30;

    @TempDir
    Path dir;

    @Test
    void givenThousandsOfBlocks_whenWrittenAndSynced_thenFewWritesInAddressOrderAndEveryBlockReadsBack()
            throws Exception {
        FaultyVolume volume = new FaultyVolume(FileVolumes.open(dir));
        List<byte[]> blocks = randomBlocks(3000, 1);
        List<Long> addresses;
        try (SegmentBlockStore store = new SegmentBlockStore(volume, SEGMENT_BYTES)) {
            addresses = writeAll(store, blocks);
            // about 3.4 MB of blocks: one write per full MiB, the rest with the sync
            assertTrue(volume.writes() <= 3, "writes before the sync=" + volume.writes());
            assertBlocks(store, blocks, addresses, false);
            store.sync();
            assertTrue(volume.writes() <= 4, "writes=" + volume.writes());
        }
        for (int i = 1; i < addresses.size(); i++) {
            assertTrue(addresses.get(i) > addresses.get(i - 1), "addresses ascend in write order");
        }
        try (SegmentBlockStore reopened = new SegmentBlockStore(FileVolumes.open(dir), SEGMENT_BYTES)) {
            assertBlocks(reopened, blocks, addresses, false);
        }
    }

    @Test
    void givenBatchedWriteFails_whenSyncing_thenSyncFailsNamingTheSegmentAndTheNextSyncWritesEveryBlock()
            throws Exception {
        for (Fault fault : List.of(Fault.NO_SPACE, Fault.SHORT_WRITE)) {
            Path store = dir.resolve(fault.name());
            FaultyVolume volume = new FaultyVolume(FileVolumes.open(store));
            List<byte[]> blocks = randomBlocks(500, 2);
            List<Long> addresses;
            try (SegmentBlockStore blockStore = new SegmentBlockStore(volume, SEGMENT_BYTES)) {
                addresses = writeAll(blockStore, blocks.subList(0, 250));
                volume.inject(fault, "blocks/", 1);
                StoreException e = assertThrows(StoreException.class, blockStore::sync);
                assertEquals(ErrorCode.IO_ERROR, e.code());
                assertTrue(e.getMessage().contains("blocks/blocks-000001.seg"), e.getMessage());
                assertBlocks(blockStore, blocks.subList(0, 250), addresses, false);
                addresses.addAll(writeAll(blockStore, blocks.subList(250, 500)));
                blockStore.sync();
            }
            try (SegmentBlockStore reopened = new SegmentBlockStore(FileVolumes.open(store), SEGMENT_BYTES)) {
                assertBlocks(reopened, blocks, addresses, false);
            }
        }
    }

    @Test
    void givenBlocksOverSeveralSegments_whenSynced_thenEachSegmentHoldsItsBlocksAfterReopen() throws Exception {
        long smallSegments = 256 << 10;
        List<byte[]> blocks = randomBlocks(2000, 3);
        List<Long> addresses;
        try (SegmentBlockStore store = new SegmentBlockStore(FileVolumes.open(dir), smallSegments)) {
            addresses = writeAll(store, blocks);
            store.sync();
            assertTrue(store.segmentSizes().size() > 3, "segments=" + store.segmentSizes());
        }
        try (SegmentBlockStore reopened = new SegmentBlockStore(FileVolumes.open(dir), smallSegments)) {
            assertBlocks(reopened, blocks, addresses, true);
        }
    }

    @Test
    void givenThousandsOfSyncedBlocks_whenScannedInAddressOrder_thenAFewVolumeReadsAnswerAll() throws Exception {
        List<byte[]> blocks = randomBlocks(5000, 4);
        List<Long> addresses;
        try (SegmentBlockStore store = new SegmentBlockStore(FileVolumes.open(dir), SEGMENT_BYTES)) {
            addresses = writeAll(store, blocks);
            store.sync();
        }
        FaultyVolume volume = new FaultyVolume(FileVolumes.open(dir));
        try (SegmentBlockStore store = SegmentBlockStore.readOnly(volume, SEGMENT_BYTES)) {
            assertBlocks(store, blocks, addresses, true);
            // about 5.5 MB: ranges of 64 KiB doubling up to 4 MiB
            assertTrue(volume.reads() <= 12, "reads=" + volume.reads());
            int before = volume.reads();
            for (int i = blocks.size() - 1; i >= 0; i -= 97) {
                assertArrayEquals(blocks.get(i), bytes(store.readInScan(addresses.get(i))));
            }
            assertEquals(before, volume.reads(), "the ranges read are kept (a few MiB), so going back reads nothing");
        }
    }

    @Test
    void givenCommitInFlight_whenScannedMeanwhileAndAfterItsSync_thenEveryBlockReadsBack() throws Exception {
        FaultyVolume volume = new FaultyVolume(FileVolumes.open(dir));
        try (SegmentBlockStore store = new SegmentBlockStore(volume, SEGMENT_BYTES)) {
            List<byte[]> committed = randomBlocks(500, 5);
            List<Long> committedAt = writeAll(store, committed);
            store.sync();
            volume.inject(Fault.LATE_WRITE, "blocks/", Integer.MAX_VALUE);
            // about 2 MB: the first MiB goes to the volume at once and is a hole there until the sync
            List<byte[]> inFlight = randomBlocks(2000, 6);
            List<Long> inFlightAt = writeAll(store, inFlight);
            assertTrue(volume.injected() > 0, "no write in flight");

            // the read-ahead of this scan reaches past the synced blocks into the hole
            assertBlocks(store, committed, committedAt, true);
            store.sync();

            assertBlocks(store, inFlight, inFlightAt, true);
            assertBlocks(store, committed, committedAt, true);
        }
    }

    /** Writes each block; returns their addresses in order. */
    private static List<Long> writeAll(SegmentBlockStore store, List<byte[]> blocks) throws StoreException {
        List<Long> addresses = new ArrayList<>();
        for (byte[] b : blocks) {
            addresses.add(store.write(ByteBuffer.wrap(b)));
        }
        return addresses;
    }

    private static void assertBlocks(SegmentBlockStore store, List<byte[]> blocks, List<Long> addresses, boolean scan)
            throws StoreException {
        for (int i = 0; i < blocks.size(); i++) {
            ByteBuffer read = scan ? store.readInScan(addresses.get(i)) : store.read(addresses.get(i));
            assertArrayEquals(blocks.get(i), bytes(read), "block " + i);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    /** Blocks of 100 bytes to 2 KB, some past the 4 KB first read of a block. */
    private static List<byte[]> randomBlocks(int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[i % 100 == 7 ? 9000 : 100 + random.nextInt(1900)];
            random.nextBytes(b);
            blocks.add(b);
        }
        return blocks;
    }
}
