// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.WritableObject;
import io.qss.store.internal.codec.ByteSink;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Blocks in append-only segment objects {@code blocks/blocks-NNNNNN.seg}, each block framed as {@code u32 length,
 * u32 crc32c, payload}. Address = segment number << 40 | offset, so 0 is never an address. Bytes past the last
 * referenced block (from a crash before the commit's superblock was written) are never referenced and simply
 * left behind.
 *
 * <p>New blocks collect in memory ({@link PendingBlocks}) and go to the volume as one write per
 * {@value #WRITE_BYTES} bytes, at the latest in {@link #sync}: a commit of thousands of blocks costs a few large
 * writes, all in flight at once on a backend that pipelines them, and one wait. Raw scans read through a
 * {@link ScanReadAhead}. Thread-safe: positions are reserved and pending blocks written under a lock, reads of
 * written blocks go straight to the volume.
 */
public final class SegmentBlockStore implements BlockStore {

    private static final int OFFSET_BITS = 40;
    private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;
    private static final int READ_AHEAD = 4096;
    private static final int MAX_BLOCK = 64 << 20;
    /**
     * Pending blocks are written once they reach this size: large writes, yet with a backend's usual writes in flight
     * (RADOS: 32) well below what a client lets be in flight at once (librados: 100 MiB), which would stall every
     * write of the process, the log's included.
     */
    static final int WRITE_BYTES = 1 << 20;

    private static final String PREFIX = "blocks/";
    private static final Pattern SEGMENT = Pattern.compile("blocks/blocks-\\d{6,}\\.seg");

    private final StoreVolume volume;
    private final long segmentBytes;
    /** Segment number to its object name, for every segment that exists. */
    private final ConcurrentHashMap<Integer, String> segments = new ConcurrentHashMap<>();
    /** Segments written by this process, open until deleted or closed. */
    private final Map<Integer, WritableObject> writers = new TreeMap<>();

    private final Set<Integer> unsynced = new HashSet<>();
    /**
     * Segments this process appends to, by name: the end of their bytes known synced, which a backend that completes
     * writes out of order no longer changes. Absent: a segment nobody here appends to (for a standby, every segment:
     * it only reads blocks its metadata named, all synced before it opened).
     */
    private final Map<String, Long> syncedEnds = new ConcurrentHashMap<>();

    private final Object syncLock = new Object();
    private final AtomicLong bytesUsed = new AtomicLong();
    private final boolean readOnly;
    private final ScanReadAhead scanReads;
    private int activeSegment;
    private long activePos;
    /** Blocks written to the active segment but not yet to the volume; they end at {@link #activePos}. */
    private PendingBlocks pending;

    public SegmentBlockStore(StoreVolume volume, long segmentBytes) throws StoreException {
        this(volume, segmentBytes, false);
    }

    /**
     * The blocks for reading only (a standby): opens no segment for writing, since the writer owns them, and
     * finds segments the writer started after this listing by their names.
     */
    public static SegmentBlockStore readOnly(StoreVolume volume, long segmentBytes) throws StoreException {
        return new SegmentBlockStore(volume, segmentBytes, true);
    }

    private SegmentBlockStore(StoreVolume volume, long segmentBytes, boolean readOnly) throws StoreException {
        this.volume = volume;
        this.readOnly = readOnly;
        this.segmentBytes = Math.min(segmentBytes, OFFSET_MASK);
        this.scanReads = new ScanReadAhead(volume, name -> syncedEnds.getOrDefault(name, Long.MAX_VALUE));
        for (String name : volume.list(PREFIX)) {
            if (SEGMENT.matcher(name).matches()) {
                int id = parseId(name);
                long length = volume.length(name);
                segments.put(id, name);
                bytesUsed.addAndGet(Math.max(0, length));
                if (id > activeSegment) {
                    activeSegment = id;
                    activePos = length;
                }
            }
        }
        if (activeSegment == 0) {
            activeSegment = 1;
        }
        pending = new PendingBlocks(activePos);
        if (!readOnly) {
            synchronized (this) {
                openWriter(activeSegment, activePos);
            }
        }
    }

    private static int parseId(String name) throws StoreException {
        try {
            return Integer.parseInt(name.substring(PREFIX.length() + 7, name.length() - 4));
        } catch (NumberFormatException e) {
            throw new StoreException(ErrorCode.CORRUPT_DATA, "block segment name invalid [object=" + name + "]", e);
        }
    }

    /** Opens a segment for appending at {@code end}, creating it if absent, keeping every byte it holds. */
    private WritableObject openWriter(int id, long end) throws StoreException {
        String name = segmentName(id);
        WritableObject writer = volume.openWritable(name, Long.MAX_VALUE);
        segments.put(id, name);
        writers.put(id, writer);
        syncedEnds.put(name, end);
        return writer;
    }

    private String segmentName(int id) {
        String name = segments.get(id);
        return name != null ? name : String.format(PREFIX + "blocks-%06d.seg", id);
    }

    @Override
    public long write(ByteBuffer block) throws StoreException {
        int frame = RecordLog.HEADER + block.remaining();
        synchronized (this) {
            if (activePos > 0 && activePos + frame > segmentBytes) {
                startNewSegment();
            }
            if (pending.size() > 0 && pending.size() + frame > WRITE_BYTES) {
                writePending();
            }
            long pos = pending.addFramed(block);
            activePos += frame;
            unsynced.add(activeSegment);
            bytesUsed.addAndGet(frame);
            return ((long) activeSegment << OFFSET_BITS) | pos;
        }
    }

    /**
     * Hands the pending blocks to the active segment's writer in one write. When that fails they stay pending and
     * the next write or sync sends them again (same bytes, same place), so nothing is lost or left with a hole.
     */
    private void writePending() throws StoreException {
        if (pending.size() > 0) {
            writers.get(activeSegment).write(pending.start(), pending.contents());
            pending.written();
        }
    }

    @Override
    public ByteBuffer read(long address) throws StoreException {
        return read(address, volume::read);
    }

    /**
     * Reads a block for a raw scan: like {@link #read} but through the read-ahead, which reads whole ranges of a
     * segment (a scan walks leaves mostly in address order) and keeps a few of them.
     */
    @Override
    public ByteBuffer readInScan(long address) throws StoreException {
        return read(address, scanReads::read);
    }

    /** How a block's bytes are fetched: {@link StoreVolume#read}'s contract. */
    @FunctionalInterface
    private interface RangeReader {
        int read(String name, long position, byte[] into, int offset, int length) throws StoreException;
    }

    private ByteBuffer read(long address, RangeReader reader) throws StoreException {
        int segment = segmentOf(address);
        long offset = address & OFFSET_MASK;
        String name = existing(segment, offset);
        // Arrays keep 16 bytes of zero slack past the payload so bit-unpacking may read whole words; one read of a
        // page covers most blocks.
        byte[] bytes = new byte[READ_AHEAD + 16];
        int n = readHeld(segment, offset, bytes, 0, READ_AHEAD);
        if (n < 0) {
            n = reader.read(name, offset, bytes, 0, READ_AHEAD);
        }
        if (n < RecordLog.HEADER) {
            throw Errors.corrupt("block header truncated", name, offset);
        }
        int len = ByteSink.getInt(bytes, 0);
        if (len <= 0 || len > MAX_BLOCK) {
            throw Errors.corrupt("block length invalid", name, offset);
        }
        int frame = len + RecordLog.HEADER;
        if (frame > n) {
            bytes = Arrays.copyOf(bytes, frame + 16);
            int more = readHeld(segment, offset + n, bytes, n, frame - n);
            if (more < 0) {
                more = reader.read(name, offset + n, bytes, n, frame - n);
            }
            n += Math.max(0, more);
        }
        if (n < frame) {
            throw Errors.corrupt("block truncated", name, offset);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, RecordLog.HEADER, len);
        if ((int) crc.getValue() != ByteSink.getInt(bytes, 4)) {
            throw Errors.corrupt("block checksum mismatch", name, offset);
        }
        return ByteBuffer.wrap(bytes, RecordLog.HEADER, len);
    }

    /**
     * Copies up to {@code count} bytes from {@code offset} of a segment into {@code into[at..]} when they are still
     * pending here; returns how many, or -1 when they are not (they are in the volume then).
     */
    private synchronized int readHeld(int segment, long offset, byte[] into, int at, int count) {
        if (segment != activeSegment || !pending.holds(offset)) {
            return -1;
        }
        return pending.copy(offset, into, at, count);
    }

    private String existing(int segment, long offset) throws StoreException {
        String name = segments.get(segment);
        if (name == null && readOnly) {
            return segmentName(segment);
        }
        if (name == null) {
            throw Errors.corrupt("block address names a missing segment", segmentName(segment), offset);
        }
        return name;
    }

    @Override
    public void sync() throws StoreException {
        synchronized (syncLock) {
            List<WritableObject> toSync = new ArrayList<>();
            Map<String, Long> ends = new HashMap<>();
            synchronized (this) {
                writePending();
                for (int id : unsynced) {
                    toSync.add(writers.get(id));
                    // a segment left behind takes no more blocks: once synced, none of its bytes changes
                    ends.put(segmentName(id), id == activeSegment ? activePos : Long.MAX_VALUE);
                }
                unsynced.clear();
            }
            // Every block written before this point is in toSync and handed to its writer: writes happen under the
            // same lock. The writes are all in flight by now; the syncs wait for them.
            for (WritableObject w : toSync) {
                w.sync();
            }
            ends.forEach((name, end) -> syncedEnds.computeIfPresent(name, (n, known) -> Math.max(known, end)));
        }
    }

    /**
     * Every segment with its current length; a block written before this call lies inside these prefixes, and the
     * bytes of a prefix never change afterwards (segments are append-only).
     */
    public synchronized List<ObjectPrefix> cut() throws StoreException {
        // whoever copies the prefixes reads them from the volume
        writePending();
        List<ObjectPrefix> objects = new ArrayList<>();
        for (int id : new TreeMap<>(segments).keySet()) {
            long length = id == activeSegment ? activePos : volume.length(segments.get(id));
            objects.add(new ObjectPrefix(segments.get(id), length));
        }
        return objects;
    }

    /** The segment a block address lies in. */
    public static int segmentOf(long address) {
        return (int) (address >>> OFFSET_BITS);
    }

    /**
     * Starts a new segment for the blocks written from now on and returns its number: every segment below it then
     * only ever loses readers (compaction picks its victims there). The previous segment's writer stays open until
     * a sync has covered its blocks.
     */
    public synchronized int startNewSegment() throws StoreException {
        writePending();
        openWriter(activeSegment + 1, 0);
        activeSegment++;
        activePos = 0;
        pending.restartAt(0);
        return activeSegment;
    }

    /** Length of a block's frame (header and payload) and the payload's first byte (its kind), from 9 bytes read. */
    public record BlockHeader(int frameLength, int kind) {}

    public BlockHeader header(long address) throws StoreException {
        int segment = segmentOf(address);
        long offset = address & OFFSET_MASK;
        String name = existing(segment, offset);
        byte[] bytes = new byte[RecordLog.HEADER + 1];
        int n = readHeld(segment, offset, bytes, 0, bytes.length);
        if (n < 0) {
            n = volume.read(name, offset, bytes, 0, bytes.length);
        }
        if (n < bytes.length) {
            throw Errors.corrupt("block header truncated", name, offset);
        }
        int len = ByteSink.getInt(bytes, 0);
        if (len <= 0 || len > MAX_BLOCK) {
            throw Errors.corrupt("block length invalid", name, offset);
        }
        return new BlockHeader(RecordLog.HEADER + len, bytes[RecordLog.HEADER]);
    }

    /** Every segment's number and size in bytes. */
    public synchronized Map<Integer, Long> segmentSizes() throws StoreException {
        Map<Integer, Long> sizes = new TreeMap<>();
        for (Map.Entry<Integer, String> e : segments.entrySet()) {
            int id = e.getKey();
            sizes.put(id, id == activeSegment ? activePos : volume.length(e.getValue()));
        }
        return sizes;
    }

    /**
     * Deletes segments that no block reference points into any more (never the active one); returns the bytes
     * freed. A reader still reading one may fail; compaction waits a grace period for them first.
     */
    public long deleteSegments(Collection<Integer> ids) throws StoreException {
        long freed = 0;
        for (int id : ids) {
            String name;
            WritableObject writer;
            synchronized (this) {
                if (id >= activeSegment) {
                    throw new IllegalArgumentException("active segment cannot be deleted [segment=" + id + "]");
                }
                name = segments.remove(id);
                writer = writers.remove(id);
                unsynced.remove(id);
                if (name != null) {
                    syncedEnds.remove(name);
                }
            }
            if (name == null) {
                continue;
            }
            if (writer != null) {
                writer.close();
            }
            long size = Math.max(0, volume.length(name));
            volume.delete(name);
            bytesUsed.addAndGet(-size);
            freed += size;
        }
        return freed;
    }

    @Override
    public long bytesUsed() {
        return bytesUsed.get();
    }

    @Override
    public String describe(long address) {
        return "object=" + segmentName(segmentOf(address)) + ", offset=" + (address & OFFSET_MASK);
    }

    @Override
    public synchronized void close() throws StoreException {
        StoreException failure = null;
        if (!readOnly) {
            try {
                writePending();
            } catch (StoreException e) {
                // never synced, so no commit names these blocks
                failure = e;
            }
        }
        for (WritableObject w : writers.values()) {
            try {
                w.close();
            } catch (StoreException e) {
                failure = e;
            }
        }
        writers.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
