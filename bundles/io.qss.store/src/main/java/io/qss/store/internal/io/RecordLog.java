// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.api.StoreException;
import io.qss.store.internal.codec.ByteSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An append-only file of checksummed records: {@code u32 length, u32 crc32c(payload), payload} (little-endian).
 * A damaged last record is a torn write from a crash and is cut off on open; a damaged record followed by more
 * data is corruption and fails the open with file and offset. {@link #syncTo} is a group commit: one fsync covers
 * every record appended before it, whichever thread appended it. Thread-safe.
 */
public final class RecordLog implements AutoCloseable {

    /** Receives each valid record; the array is only valid during the call. */
    @FunctionalInterface
    public interface Visitor {
        void record(byte[] bytes, int offset, int length, long fileOffset) throws StoreException;
    }

    static final int HEADER = 8;
    private static final int MAX_RECORD = 256 << 20;

    private final Path file;
    private final FileChannel channel;
    private final Object syncLock = new Object();
    private long writePos;
    private volatile long syncedPos;

    private RecordLog(Path file, FileChannel channel, long end) {
        this.file = file;
        this.channel = channel;
        this.writePos = end;
        this.syncedPos = end;
    }

    /**
     * Reads every valid record in order and returns the end of the last one (where appends continue).
     *
     * @throws StoreException CORRUPT_DATA when a record other than the last fails its checksum
     */
    public static long scan(Path file, Visitor visitor) throws StoreException {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw Errors.io("reading log failed", file, e);
        }
        int pos = 0;
        CRC32C crc = new CRC32C();
        while (pos < all.length) {
            if (all.length - pos < HEADER) {
                break;
            }
            int len = ByteSink.getInt(all, pos);
            int expected = ByteSink.getInt(all, pos + 4);
            if (len <= 0 || len > MAX_RECORD || len > all.length - pos - HEADER) {
                if (isZeroOrEnd(all, pos) || len > all.length - pos - HEADER) {
                    break;
                }
                throw Errors.corrupt("log record length invalid", file, pos);
            }
            crc.reset();
            crc.update(all, pos + HEADER, len);
            if ((int) crc.getValue() != expected) {
                if (pos + HEADER + len == all.length || isZeroOrEnd(all, pos + HEADER + len)) {
                    break;
                }
                throw Errors.corrupt("log record checksum mismatch", file, pos);
            }
            visitor.record(all, pos + HEADER, len, pos);
            pos += HEADER + len;
        }
        return pos;
    }

    private static boolean isZeroOrEnd(byte[] all, int from) {
        for (int i = from; i < all.length; i++) {
            if (all[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Opens a log for appending at {@code validEnd}, cutting off anything after it (a torn tail). */
    public static RecordLog open(Path file, long validEnd) throws StoreException {
        try {
            boolean isNew = !Files.exists(file);
            FileChannel ch = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (isNew) {
                Directories.sync(file.toAbsolutePath().getParent());
            }
            if (ch.size() > validEnd) {
                ch.truncate(validEnd);
                ch.force(true);
            }
            return new RecordLog(file, ch, validEnd);
        } catch (IOException e) {
            throw Errors.io("opening log failed", file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Appends one record; returns its end position, to pass to {@link #syncTo}. */
    public synchronized long append(byte[] payload, int offset, int length) throws StoreException {
        CRC32C crc = new CRC32C();
        crc.update(payload, offset, length);
        ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(length).putInt((int) crc.getValue()).flip();
        ByteBuffer body = ByteBuffer.wrap(payload, offset, length);
        try {
            long pos = writePos;
            while (header.hasRemaining()) {
                pos += channel.write(header, pos);
            }
            while (body.hasRemaining()) {
                pos += channel.write(body, pos);
            }
            writePos = pos;
            return pos;
        } catch (IOException e) {
            cutPartialRecord();
            throw Errors.io("appending log record failed", file, e);
        }
    }

    /**
     * Appends several records with one write, so that a group of them costs one system call and, with
     * {@link #syncTo}, one fsync; each keeps its own header and checksum, so a crash mid-write leaves whole records
     * and at most one torn record at the end. Returns the end position of the last record.
     */
    public synchronized long appendAll(List<ByteSink> payloads) throws StoreException {
        int total = 0;
        for (ByteSink p : payloads) {
            total += HEADER + p.size();
        }
        ByteBuffer frames = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        for (ByteSink p : payloads) {
            crc.reset();
            crc.update(p.array(), 0, p.size());
            frames.putInt(p.size()).putInt((int) crc.getValue()).put(p.array(), 0, p.size());
        }
        frames.flip();
        try {
            long pos = writePos;
            while (frames.hasRemaining()) {
                pos += channel.write(frames, pos);
            }
            writePos = pos;
            return pos;
        } catch (IOException e) {
            cutPartialRecord();
            throw Errors.io("appending " + payloads.size() + " log records failed", file, e);
        }
    }

    /**
     * Drops what a failed append wrote (e.g. half a record when the disk filled up), so no stale bytes stay behind
     * a shorter record appended later. Truncating frees space, so it works on a full disk; if it fails anyway, the
     * next append overwrites from the same position.
     */
    private void cutPartialRecord() {
        try {
            if (channel.size() > writePos) {
                channel.truncate(writePos);
            }
        } catch (IOException e) {
            // The next append overwrites from writePos; the failure itself is reported by the caller.
        }
    }

    public synchronized long size() {
        return writePos;
    }

    /** Returns once every record ending at or before {@code position} is on disk. */
    public void syncTo(long position) throws StoreException {
        if (syncedPos >= position) {
            return;
        }
        synchronized (syncLock) {
            if (syncedPos >= position) {
                return;
            }
            long target = size();
            try {
                channel.force(false);
            } catch (IOException e) {
                throw Errors.io("syncing log failed", file, e);
            }
            syncedPos = target;
        }
    }

    public void syncAll() throws StoreException {
        syncTo(size());
    }

    @Override
    public void close() throws StoreException {
        try {
            channel.close();
        } catch (IOException e) {
            throw Errors.io("closing log failed", file, e);
        }
    }
}
