// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.api.StoreException;
import io.qss.store.internal.codec.ByteSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Blocks in append-only segment files {@code blocks-NNNNNN.seg}, each block framed as {@code u32 length,
 * u32 crc32c, payload}. Address = segment number << 40 | offset, so 0 is never an address. Bytes past the last
 * referenced block (from a crash before the commit's superblock was written) are never referenced and simply
 * left behind. Thread-safe: positions are reserved under a lock, then written with positional writes.
 */
public final class FileBlockStore implements BlockStore {

    private static final int OFFSET_BITS = 40;
    private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;
    private static final int READ_AHEAD = 4096;
    private static final int MAX_BLOCK = 64 << 20;

    private final Path dir;
    private final long segmentBytes;
    private final ConcurrentHashMap<Integer, FileChannel> segments = new ConcurrentHashMap<>();
    private final Set<Integer> unsynced = new HashSet<>();
    private final Object syncLock = new Object();
    private final AtomicLong bytesUsed = new AtomicLong();
    private final ConcurrentHashMap<Integer, MappedByteBuffer> maps = new ConcurrentHashMap<>();
    private volatile long lastRemapNanos;
    private int activeSegment;
    private long activePos;

    public FileBlockStore(Path dir, long segmentBytes) throws StoreException {
        this.dir = dir;
        this.segmentBytes = Math.min(segmentBytes, OFFSET_MASK);
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    String name = p.getFileName().toString();
                    if (name.startsWith("blocks-") && name.endsWith(".seg")) {
                        int id = Integer.parseInt(name.substring(7, name.length() - 4));
                        FileChannel ch = openSegment(id);
                        bytesUsed.addAndGet(ch.size());
                        if (id > activeSegment) {
                            activeSegment = id;
                            activePos = ch.size();
                        }
                    }
                }
            }
            if (activeSegment == 0) {
                activeSegment = 1;
                openSegment(1);
            }
        } catch (IOException | NumberFormatException e) {
            throw new StoreException(
                    io.qss.store.api.ErrorCode.IO_ERROR,
                    "opening block store failed [dir=" + dir + ", error=" + e + "]",
                    e);
        }
    }

    private FileChannel openSegment(int id) throws IOException {
        boolean isNew = !Files.exists(segmentPath(id));
        FileChannel ch = FileChannel.open(
                segmentPath(id), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (isNew) {
            Directories.sync(dir);
        }
        segments.put(id, ch);
        return ch;
    }

    private Path segmentPath(int id) {
        return dir.resolve(String.format("blocks-%06d.seg", id));
    }

    @Override
    public long write(ByteBuffer block) throws StoreException {
        int len = block.remaining();
        int frame = RecordLog.HEADER + len;
        ByteBuffer framed = frame(block, len);
        // Writing under the lock (a few microseconds) means a later sync() always covers this block.
        synchronized (this) {
            if (activePos > 0 && activePos + frame > segmentBytes) {
                startNewSegment();
            }
            long pos = activePos;
            FileChannel ch = segments.get(activeSegment);
            try {
                long at = pos;
                while (framed.hasRemaining()) {
                    at += ch.write(framed, at);
                }
            } catch (IOException e) {
                throw Errors.io("writing block failed", segmentPath(activeSegment), e);
            }
            activePos += frame;
            unsynced.add(activeSegment);
            bytesUsed.addAndGet(frame);
            return ((long) activeSegment << OFFSET_BITS) | pos;
        }
    }

    private static ByteBuffer frame(ByteBuffer block, int len) {
        ByteBuffer framed = ByteBuffer.allocate(RecordLog.HEADER + len).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(block.duplicate());
        framed.putInt(len).putInt((int) crc.getValue()).put(block).flip();
        return framed;
    }

    @Override
    public ByteBuffer read(long address) throws StoreException {
        int segment = (int) (address >>> OFFSET_BITS);
        long offset = address & OFFSET_MASK;
        FileChannel ch = segments.get(segment);
        if (ch == null) {
            throw Errors.corrupt("block address names a missing segment", segmentPath(segment), offset);
        }
        byte[] fromMap = readMapped(ch, segment, offset);
        if (fromMap != null) {
            return verified(fromMap, segment, offset);
        }
        // Arrays keep 16 bytes of zero slack past the payload so bit-unpacking may read whole words.
        byte[] bytes = new byte[READ_AHEAD + 16];
        int n = readAt(ch, segment, offset, bytes, READ_AHEAD);
        if (n < RecordLog.HEADER) {
            throw Errors.corrupt("block header truncated", segmentPath(segment), offset);
        }
        int len = ByteSink.getInt(bytes, 0);
        if (len <= 0 || len > MAX_BLOCK) {
            throw Errors.corrupt("block length invalid", segmentPath(segment), offset);
        }
        int frame = len + RecordLog.HEADER;
        if (frame > n) {
            bytes = new byte[frame + 16];
            n = readAt(ch, segment, offset, bytes, frame);
        }
        if (n < frame) {
            throw Errors.corrupt("block truncated", segmentPath(segment), offset);
        }
        return verified(bytes, segment, offset);
    }

    private ByteBuffer verified(byte[] bytes, int segment, long offset) throws StoreException {
        int len = ByteSink.getInt(bytes, 0);
        CRC32C crc = new CRC32C();
        crc.update(bytes, RecordLog.HEADER, len);
        if ((int) crc.getValue() != ByteSink.getInt(bytes, 4)) {
            throw Errors.corrupt("block checksum mismatch", segmentPath(segment), offset);
        }
        return ByteBuffer.wrap(bytes, RecordLog.HEADER, len);
    }

    /**
     * Copies the framed block out of a read-only mapping of the segment, or returns null to fall back to pread
     * (block beyond the mapping and remapped too recently, or a segment too large to map).
     */
    private byte[] readMapped(FileChannel ch, int segment, long offset) throws StoreException {
        MappedByteBuffer map = maps.get(segment);
        if (map == null || offset + RecordLog.HEADER > map.capacity()) {
            map = remap(ch, segment, offset + RecordLog.HEADER);
            if (map == null) {
                return null;
            }
        }
        int at = (int) offset;
        int len = map.getInt(at);
        if (len <= 0 || len > MAX_BLOCK) {
            throw Errors.corrupt("block length invalid", segmentPath(segment), offset);
        }
        int frame = RecordLog.HEADER + len;
        if (offset + frame > map.capacity()) {
            map = remap(ch, segment, offset + frame);
            if (map == null) {
                return null;
            }
        }
        byte[] bytes = new byte[frame + 16];
        map.get(at, bytes, 0, frame);
        return bytes;
    }

    private MappedByteBuffer remap(FileChannel ch, int segment, long needed) throws StoreException {
        long now = System.nanoTime();
        MappedByteBuffer current = maps.get(segment);
        // Each mapping lives until garbage collection; remapping a growing segment at most every 100 ms keeps
        // their number small.
        if (current != null && now - lastRemapNanos < 100_000_000L) {
            return null;
        }
        try {
            long size = ch.size();
            if (size < needed || size > Integer.MAX_VALUE) {
                return null;
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            map.order(ByteOrder.LITTLE_ENDIAN);
            maps.put(segment, map);
            lastRemapNanos = now;
            return map;
        } catch (IOException e) {
            throw Errors.io("mapping block segment failed", segmentPath(segment), e);
        }
    }

    private int readAt(FileChannel ch, int segment, long offset, byte[] into, int max) throws StoreException {
        ByteBuffer buf = ByteBuffer.wrap(into, 0, max);
        try {
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw Errors.io("reading block failed", segmentPath(segment), e);
        }
        return buf.position();
    }

    @Override
    public void sync() throws StoreException {
        synchronized (syncLock) {
            Integer[] toSync;
            synchronized (this) {
                toSync = unsynced.toArray(new Integer[0]);
                unsynced.clear();
            }
            // Every block written before this point is in toSync: writes happen under the same lock.
            for (Integer segment : toSync) {
                try {
                    segments.get(segment).force(false);
                } catch (IOException e) {
                    throw Errors.io("syncing block segment failed", segmentPath(segment), e);
                }
            }
        }
    }

    /**
     * Every segment with its current length; a block written before this call lies inside these prefixes, and the
     * bytes of a prefix never change afterwards (segments are append-only).
     */
    public synchronized List<FilePrefix> cut() throws StoreException {
        List<FilePrefix> files = new ArrayList<>();
        for (int id : new TreeSet<>(segments.keySet())) {
            long length;
            try {
                length = id == activeSegment ? activePos : segments.get(id).size();
            } catch (IOException e) {
                throw Errors.io("reading block segment size failed", segmentPath(id), e);
            }
            files.add(new FilePrefix(segmentPath(id), length));
        }
        return files;
    }

    /** The segment a block address lies in. */
    public static int segmentOf(long address) {
        return (int) (address >>> OFFSET_BITS);
    }

    /**
     * Starts a new segment for the blocks written from now on and returns its number: every segment below it then
     * only ever loses readers (compaction picks its victims there).
     */
    public synchronized int startNewSegment() throws StoreException {
        try {
            openSegment(activeSegment + 1);
        } catch (IOException e) {
            throw Errors.io("creating block segment failed", segmentPath(activeSegment + 1), e);
        }
        activeSegment++;
        activePos = 0;
        return activeSegment;
    }

    /** Length of a block's frame (header and payload) and the payload's first byte (its kind), from 9 bytes read. */
    public record BlockHeader(int frameLength, int kind) {}

    public BlockHeader header(long address) throws StoreException {
        int segment = segmentOf(address);
        long offset = address & OFFSET_MASK;
        FileChannel ch = segments.get(segment);
        if (ch == null) {
            throw Errors.corrupt("block address names a missing segment", segmentPath(segment), offset);
        }
        byte[] bytes = new byte[RecordLog.HEADER + 1];
        if (readAt(ch, segment, offset, bytes, bytes.length) < bytes.length) {
            throw Errors.corrupt("block header truncated", segmentPath(segment), offset);
        }
        int len = ByteSink.getInt(bytes, 0);
        if (len <= 0 || len > MAX_BLOCK) {
            throw Errors.corrupt("block length invalid", segmentPath(segment), offset);
        }
        return new BlockHeader(RecordLog.HEADER + len, bytes[RecordLog.HEADER]);
    }

    /** Every segment's number and size in bytes. */
    public synchronized Map<Integer, Long> segmentSizes() throws StoreException {
        Map<Integer, Long> sizes = new TreeMap<>();
        for (int id : segments.keySet()) {
            try {
                sizes.put(id, id == activeSegment ? activePos : segments.get(id).size());
            } catch (IOException e) {
                throw Errors.io("reading block segment size failed", segmentPath(id), e);
            }
        }
        return sizes;
    }

    /**
     * Deletes segments that no block reference points into any more (never the active one); returns the bytes
     * freed. A reader still holding a mapping of one keeps reading it; the file system frees it after that.
     */
    public long deleteSegments(Collection<Integer> ids) throws StoreException {
        long freed = 0;
        for (int id : ids) {
            FileChannel ch;
            synchronized (this) {
                if (id >= activeSegment) {
                    throw new IllegalArgumentException("active segment cannot be deleted [segment=" + id + "]");
                }
                ch = segments.remove(id);
                maps.remove(id);
                unsynced.remove(id);
            }
            if (ch == null) {
                continue;
            }
            try {
                long size = ch.size();
                ch.close();
                Files.deleteIfExists(segmentPath(id));
                bytesUsed.addAndGet(-size);
                freed += size;
            } catch (IOException e) {
                throw Errors.io("deleting block segment failed", segmentPath(id), e);
            }
        }
        try {
            Directories.sync(dir);
        } catch (IOException e) {
            throw Errors.io("syncing block directory failed", dir, e);
        }
        return freed;
    }

    @Override
    public long bytesUsed() {
        return bytesUsed.get();
    }

    @Override
    public String describe(long address) {
        return "file=" + segmentPath((int) (address >>> OFFSET_BITS)) + ", offset=" + (address & OFFSET_MASK);
    }

    @Override
    public void close() throws IOException {
        for (FileChannel ch : segments.values()) {
            ch.close();
        }
    }
}
