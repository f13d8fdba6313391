// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.WritableObject;
import io.qss.store.internal.codec.ByteSink;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An append-only object of checksummed records: {@code u32 length, u32 crc32c(payload), payload} (little-endian).
 * A damaged last record is a torn write from a crash and is cut off on open; a damaged record followed by more
 * data is corruption and fails the open with object and offset. {@link #syncTo} is a group commit: one sync covers
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

    private final WritableObject object;
    private final Object syncLock = new Object();
    /** Written under this log's lock; read without it by {@link #size()}, which must not wait for an append. */
    private volatile long writePos;

    private volatile long syncedPos;

    private RecordLog(WritableObject object, long end) {
        this.object = object;
        this.writePos = end;
        this.syncedPos = end;
    }

    /**
     * Reads every valid record of an object (none when it does not exist) in order and returns the end of the last
     * one (where appends continue).
     *
     * @throws StoreException CORRUPT_DATA when a record other than the last fails its checksum
     */
    public static long scan(StoreVolume volume, String name, Visitor visitor) throws StoreException {
        byte[] all = volume.readAll(name);
        return all == null ? 0 : scan(name, all, visitor);
    }

    /** {@link #scan(StoreVolume, String, Visitor)} of an object's bytes already read. */
    public static long scan(String name, byte[] all, Visitor visitor) throws StoreException {
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
                throw Errors.corrupt("log record length invalid", name, pos);
            }
            crc.reset();
            crc.update(all, pos + HEADER, len);
            if ((int) crc.getValue() != expected) {
                if (pos + HEADER + len == all.length || isZeroOrEnd(all, pos + HEADER + len)) {
                    break;
                }
                throw Errors.corrupt("log record checksum mismatch", name, pos);
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
    public static RecordLog open(StoreVolume volume, String name, long validEnd) throws StoreException {
        WritableObject object = volume.openWritable(name, validEnd);
        try {
            return new RecordLog(object, Math.min(validEnd, object.length()));
        } catch (StoreException | RuntimeException e) {
            object.close();
            throw e;
        }
    }

    /** One record framed: header and payload, ready to write or to store whole. */
    static byte[] frame(byte[] payload, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(payload, offset, length);
        ByteBuffer frame = ByteBuffer.allocate(HEADER + length).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(length).putInt((int) crc.getValue()).put(payload, offset, length);
        return frame.array();
    }

    public String name() {
        return object.name();
    }

    /** Appends one record; returns its end position, to pass to {@link #syncTo}. */
    public long append(byte[] payload, int offset, int length) throws StoreException {
        return appendFramed(ByteBuffer.wrap(frame(payload, offset, length)), 1);
    }

    /**
     * Appends several records with one write, so that a group of them costs one system call and, with
     * {@link #syncTo}, one sync; each keeps its own header and checksum, so a crash mid-write leaves whole records
     * and at most one torn record at the end. Returns the end position of the last record.
     */
    public long appendAll(List<ByteSink> payloads) throws StoreException {
        return appendFramed(frameAll(payloads), payloads.size());
    }

    /**
     * Several records framed into one buffer for {@link #appendFramed}. Framing (checksums, a copy of each payload)
     * takes a large insert's time and needs no lock, so callers that serialise their appends frame first.
     */
    public static ByteBuffer frameAll(List<ByteSink> payloads) {
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
        return frames.flip();
    }

    /** Appends {@code records} records framed by {@link #frame} or {@link #frameAll}; returns the end of the last. */
    public synchronized long appendFramed(ByteBuffer frames, int records) throws StoreException {
        return write(frames, "appending " + records + " log record(s) failed");
    }

    private long write(ByteBuffer frames, String what) throws StoreException {
        long end = writePos + frames.remaining();
        try {
            object.write(writePos, frames);
        } catch (StoreException e) {
            cutPartialRecord();
            throw new StoreException(e.code(), what + " [log=" + object.name() + ", error=" + e.getMessage() + "]", e);
        }
        writePos = end;
        return end;
    }

    /**
     * Drops what a failed append wrote (e.g. half a record when the disk filled up), so no stale bytes stay behind
     * a shorter record appended later. Truncating frees space, so it works on a full disk; if it fails anyway, the
     * next append overwrites from the same position.
     */
    private void cutPartialRecord() {
        try {
            object.truncate(writePos);
        } catch (StoreException e) {
            // The next append overwrites from writePos; the failure itself is reported by the caller.
        }
    }

    /** The end of the last record appended; never waits for an append (health figures ask for it). */
    public long size() {
        return writePos;
    }

    /** Returns once every record ending at or before {@code position} is durable. */
    public void syncTo(long position) throws StoreException {
        if (syncedPos >= position) {
            return;
        }
        synchronized (syncLock) {
            if (syncedPos >= position) {
                return;
            }
            long target = size();
            object.sync();
            syncedPos = target;
        }
    }

    public void syncAll() throws StoreException {
        syncTo(size());
    }

    @Override
    public void close() throws StoreException {
        object.close();
    }
}
