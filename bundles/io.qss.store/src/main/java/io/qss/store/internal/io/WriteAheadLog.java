// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.codec.ByteSource;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * Segmented write-ahead log, objects {@code wal/wal-NNNNNNNN.log}, of inserts not yet committed to the tree. A segment is deleted
 * once every stream with records in it has durably committed past them. Thread-safe; appends are serialised,
 * syncs are group commits.
 */
public final class WriteAheadLog implements AutoCloseable {

    /** Where a record ended; pass to {@link #sync}. */
    public record Ticket(RecordLog log, long end) {}

    /** Receives replayed records in log order. */
    @FunctionalInterface
    public interface Replayer {
        void replay(WalRecord record) throws StoreException;
    }

    private record Segment(long id, RecordLog log, Map<UUID, Long> maxSeq) {}

    private static final String PREFIX = "wal/";
    private static final Pattern SEGMENT = Pattern.compile("wal/wal-\\d{8}\\.log");

    private final StoreVolume volume;
    private final long segmentBytes;
    private final List<Segment> closed = new ArrayList<>();
    private final Object reclaimLock = new Object();
    /** The closed segment the last reclaim stopped at, and its streams that held it back; guarded by reclaimLock. */
    private Segment lastLooked;

    private List<Map.Entry<UUID, Long>> holdingLastLooked = List.of();
    private int pins;
    private Segment active;
    /**
     * Bytes of every segment, counted as records are appended and segments deleted, so that {@link #bytes()} (asked by
     * every health check) never waits for this log's lock: an append holds it while the storage may take up to its
     * operation timeout to answer, and longer while a cluster is away.
     */
    private final AtomicLong bytes = new AtomicLong();

    private WriteAheadLog(StoreVolume volume, long segmentBytes) {
        this.volume = volume;
        this.segmentBytes = segmentBytes;
    }

    /** Replays every existing segment, then starts a fresh one for new records. */
    public static WriteAheadLog open(StoreVolume volume, long segmentBytes, Replayer replayer) throws StoreException {
        WriteAheadLog wal = new WriteAheadLog(volume, segmentBytes);
        long lastId = 0;
        for (String name : wal.existingSegments()) {
            long id = Long.parseLong(name.substring(PREFIX.length() + 4, PREFIX.length() + 12));
            Map<UUID, Long> maxSeq = new ConcurrentHashMap<>();
            long end = RecordLog.scan(volume, name, (bytes, off, len, fileOffset) -> {
                WalRecord rec = decode(name, bytes, off, len, fileOffset);
                maxSeq.merge(rec.stream(), rec.seq(), Math::max);
                replayer.replay(rec);
            });
            RecordLog log = RecordLog.open(volume, name, end);
            wal.closed.add(new Segment(id, log, maxSeq));
            wal.bytes.addAndGet(end);
            lastId = id;
        }
        wal.active = wal.newSegment(lastId + 1);
        return wal;
    }

    /** A segment's bytes as a reader found them. */
    public record SegmentCopy(String name, byte[] bytes) {}

    /**
     * Reads every segment without opening any for writing (a standby: the writer owns them). Read before the
     * metadata, so a segment the writer reclaims meanwhile holds only records whose commit that metadata shows.
     */
    public static List<SegmentCopy> copy(StoreVolume volume) throws StoreException {
        List<SegmentCopy> copies = new ArrayList<>();
        for (String name : new WriteAheadLog(volume, 0).existingSegments()) {
            byte[] bytes = volume.readAll(name);
            if (bytes != null) {
                copies.add(new SegmentCopy(name, bytes));
            }
        }
        return copies;
    }

    /**
     * Replays copied segments in order; a record being appended while they were read is torn and ends its segment.
     *
     * @return the bytes of the whole records replayed
     */
    public static long replay(List<SegmentCopy> copies, Replayer replayer) throws StoreException {
        long bytes = 0;
        for (SegmentCopy c : copies) {
            bytes += RecordLog.scan(
                    c.name(),
                    c.bytes(),
                    (b, off, len, fileOffset) -> replayer.replay(decode(c.name(), b, off, len, fileOffset)));
        }
        return bytes;
    }

    private static WalRecord decode(String name, byte[] bytes, int off, int len, long fileOffset)
            throws StoreException {
        try {
            return WalRecord.decode(new ByteSource(bytes, off, off + len));
        } catch (IllegalArgumentException e) {
            throw Errors.corrupt("log record undecodable", name, fileOffset, e);
        }
    }

    private List<String> existingSegments() throws StoreException {
        return volume.list(PREFIX).stream()
                .filter(n -> SEGMENT.matcher(n).matches())
                .sorted()
                .toList();
    }

    private Segment newSegment(long id) throws StoreException {
        String name = String.format(PREFIX + "wal-%08d.log", id);
        return new Segment(id, RecordLog.open(volume, name, 0), new ConcurrentHashMap<>());
    }

    /** Appends a record (not yet durable). */
    public Ticket append(WalRecord record, ByteSink encoded) throws StoreException {
        ByteBuffer frame = ByteBuffer.wrap(RecordLog.frame(encoded.array(), 0, encoded.size()));
        int length = frame.remaining();
        synchronized (this) {
            rotateIfFull();
            long end = active.log().appendFramed(frame, 1);
            bytes.addAndGet(length);
            active.maxSeq().merge(record.stream(), record.seq(), Math::max);
            return new Ticket(active.log(), end);
        }
    }

    /**
     * Appends records ({@code encoded.get(i)} holds {@code records.get(i)}) with one write into one segment (not yet
     * durable); one {@link #sync} of the ticket makes all of them durable. They are framed before the log is locked,
     * so other inserts append meanwhile.
     */
    public Ticket appendAll(List<WalRecord> records, List<ByteSink> encoded) throws StoreException {
        ByteBuffer frames = RecordLog.frameAll(encoded);
        int length = frames.remaining();
        synchronized (this) {
            rotateIfFull();
            long end = active.log().appendFramed(frames, records.size());
            bytes.addAndGet(length);
            for (WalRecord record : records) {
                active.maxSeq().merge(record.stream(), record.seq(), Math::max);
            }
            return new Ticket(active.log(), end);
        }
    }

    private void rotateIfFull() throws StoreException {
        if (active.log().size() > segmentBytes) {
            active.log().syncAll();
            closed.add(active);
            active = newSegment(active.id() + 1);
        }
    }

    public void sync(Ticket ticket) throws StoreException {
        ticket.log().syncTo(ticket.end());
    }

    public void syncActive() throws StoreException {
        RecordLog log;
        synchronized (this) {
            log = active.log();
        }
        log.syncAll();
    }

    /**
     * Deletes closed segments whose records are all committed. {@code committedSeq} gives a stream's durably
     * committed sequence number, or Long.MAX_VALUE for a stream that no longer exists.
     *
     * @return streams that still hold back the oldest closed segment (candidates for an early commit)
     */
    public List<UUID> reclaim(ToLongFunction<UUID> committedSeq) throws StoreException {
        synchronized (reclaimLock) {
            return pins > 0 ? List.of() : reclaimUnpinned(committedSeq);
        }
    }

    /** Stops reclamation until {@link #unpin}: every segment that exists now stays until then. */
    public void pin() {
        synchronized (reclaimLock) {
            pins++;
        }
    }

    public void unpin() {
        synchronized (reclaimLock) {
            pins--;
        }
    }

    /** Every segment with its current length, oldest first; each length ends on a record boundary. */
    public synchronized List<ObjectPrefix> cut() {
        List<ObjectPrefix> files = new ArrayList<>();
        for (Segment s : closed) {
            files.add(new ObjectPrefix(s.log().name(), s.log().size()));
        }
        files.add(new ObjectPrefix(active.log().name(), active.log().size()));
        return files;
    }

    private List<UUID> reclaimUnpinned(ToLongFunction<UUID> committedSeq) throws StoreException {
        List<Segment> candidates;
        synchronized (this) {
            candidates = new ArrayList<>(closed);
        }
        for (Segment s : candidates) {
            List<Map.Entry<UUID, Long>> left = uncommitted(s, committedSeq);
            if (!left.isEmpty()) {
                return s == candidates.get(0) ? keys(left) : List.of();
            }
            delete(s);
            lastLooked = null;
        }
        return List.of();
    }

    /**
     * The streams whose records in {@code s} are not all committed yet. A stream's committed sequence only grows, so
     * a look at the segment looked at last time re-checks only the streams that held it back then, not the tens of
     * thousands of a fleet's segment each time. Call with {@link #reclaimLock} held.
     */
    private List<Map.Entry<UUID, Long>> uncommitted(Segment s, ToLongFunction<UUID> committedSeq) {
        Collection<Map.Entry<UUID, Long>> toCheck =
                s == lastLooked ? holdingLastLooked : s.maxSeq().entrySet();
        List<Map.Entry<UUID, Long>> left = new ArrayList<>();
        for (Map.Entry<UUID, Long> e : toCheck) {
            if (committedSeq.applyAsLong(e.getKey()) < e.getValue()) {
                left.add(e);
            }
        }
        lastLooked = s;
        holdingLastLooked = left;
        return left;
    }

    private static List<UUID> keys(List<Map.Entry<UUID, Long>> entries) {
        List<UUID> out = new ArrayList<>(entries.size());
        for (Map.Entry<UUID, Long> e : entries) {
            out.add(e.getKey());
        }
        return out;
    }

    private void delete(Segment s) throws StoreException {
        synchronized (this) {
            closed.remove(s);
        }
        bytes.addAndGet(-s.log().size());
        s.log().close();
        volume.delete(s.log().name());
    }

    public synchronized int closedSegments() {
        return closed.size();
    }

    /** Bytes of every segment; never waits for an append. */
    public long bytes() {
        return bytes.get();
    }

    @Override
    public synchronized void close() throws StoreException {
        active.log().syncAll();
        active.log().close();
        for (Segment s : closed) {
            s.log().close();
        }
    }
}
