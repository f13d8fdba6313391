// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.WritableObject;
import io.qss.store.internal.codec.ByteSink;
import io.qss.store.internal.io.MetaRecord.Superblock;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.zip.CRC32C;

/**
 * An immutable object of superblocks sorted by (stream, version): the on-demand index of old versions that a
 * checkpoint moves out of the metadata log. {@code "QSSVRUN2", u64 entries}, then fixed-size entries
 * {@code u64 msb, u64 lsb, u64 version, u64 rootAddress, u64 count, u64 walSeq, u64 treeBytes, u64 commitMillis,
 * u32 crc32c} (of the 64 bytes before it); runs of format 2 ({@code "QSSVRUN1"}, entries without commitMillis, 60
 * bytes) are still read, their versions without a commit time. A lookup is a binary search touching about
 * log2(entries) entries, and opening reads only the header. The keys of the first levels of the search, which every
 * lookup visits, are kept in memory (a run never changes, so they never go stale); the last candidates are read as
 * one slice, so a lookup in a run of a million entries reads the volume about five times, a few bytes each, whatever
 * the backend. Thread-safe.
 */
public final class VersionRun {

    static final int HEADER = 16;
    /** Bytes of an entry as written now (format 3). */
    static final int ENTRY = 68;
    /** Bytes of an entry of a format 2 run, which has no commit time. */
    static final int ENTRY_V1 = 60;

    private static final int CRC = 4;
    private static final byte[] MAGIC = "QSSVRUN2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC_V1 = "QSSVRUN1".getBytes(StandardCharsets.US_ASCII);
    /** Bytes of an entry's sort key: msb, lsb, version. */
    private static final int KEY = 24;
    /** A search reads the last this many candidates at once (about 1 KiB) instead of probing them one by one. */
    private static final int SLICE_ENTRIES = 16;
    /** Levels of the binary search whose keys are kept: at most 4095 keys (about 200 KiB) per run. */
    private static final int CACHED_LEVELS = 12;
    /** Entries a cursor reads at once when merging runs. */
    private static final int CURSOR_ENTRIES = 4096;

    /** Order of entries: stream (signed msb, then signed lsb), then version. */
    static final Comparator<Superblock> ORDER = Comparator.comparingLong(
                    (Superblock s) -> s.stream().getMostSignificantBits())
            .thenComparingLong(s -> s.stream().getLeastSignificantBits())
            .thenComparingLong(Superblock::version);

    private final StoreVolume volume;
    private final String name;
    private final long id;
    private final long entries;
    /** {@link #ENTRY}, or {@link #ENTRY_V1} for a run written by format 2. */
    private final int entryBytes;
    /** Keys of the first levels of the search, by position in the search's tree (index 0 unused). */
    private final AtomicReferenceArray<byte[]> keptKeys = new AtomicReferenceArray<>(1 << CACHED_LEVELS);

    private VersionRun(StoreVolume volume, String name, long id, long entries, int entryBytes) {
        this.volume = volume;
        this.name = name;
        this.id = id;
        this.entries = entries;
        this.entryBytes = entryBytes;
    }

    /**
     * Opens a run whose manifest entry says it holds {@code expectedEntries}.
     *
     * @throws StoreException CORRUPT_DATA when its size or header disagrees
     */
    static VersionRun open(StoreVolume volume, String name, long id, long expectedEntries) throws StoreException {
        long size = volume.length(name);
        byte[] header = new byte[HEADER];
        if (size < HEADER
                || volume.read(name, 0, header, 0, HEADER) != HEADER
                || ByteSink.getLong(header, MAGIC.length) != expectedEntries) {
            throw Errors.corrupt("version run header wrong [size=" + size + "]", name, 0);
        }
        int entryBytes;
        if (Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            entryBytes = ENTRY;
        } else if (Arrays.equals(header, 0, MAGIC_V1.length, MAGIC_V1, 0, MAGIC_V1.length)) {
            entryBytes = ENTRY_V1;
        } else {
            throw Errors.corrupt("version run header wrong [size=" + size + "]", name, 0);
        }
        if (size != HEADER + entryBytes * expectedEntries) {
            throw Errors.corrupt(
                    "version run size wrong [expectedEntries=" + expectedEntries + ", entryBytes=" + entryBytes
                            + ", size=" + size + "]",
                    name,
                    0);
        }
        return new VersionRun(volume, name, id, expectedEntries, entryBytes);
    }

    /** Superblocks one after the other; null at the end. */
    @FunctionalInterface
    interface Source {
        Superblock next() throws StoreException;
    }

    /**
     * Writes superblocks given in {@link #ORDER} (each key once) to a new file, syncs it and returns the number
     * written.
     */
    static long write(StoreVolume volume, String name, Source sorted) throws StoreException {
        try (WritableObject out = volume.openWritable(name, 0)) {
            // the header's place first (no holes), its entry count once known
            out.write(0, ByteBuffer.allocate(HEADER));
            long position = HEADER;
            long n = 0;
            ByteBuffer buffer = ByteBuffer.allocate(ENTRY * 1024).order(ByteOrder.LITTLE_ENDIAN);
            for (Superblock sb = sorted.next(); sb != null; sb = sorted.next()) {
                if (buffer.remaining() < ENTRY) {
                    position += flush(out, position, buffer);
                }
                encode(sb, buffer);
                n++;
            }
            flush(out, position, buffer);
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            header.put(MAGIC).putLong(n).flip();
            out.write(0, header);
            out.sync();
            return n;
        }
    }

    private static int flush(WritableObject out, long position, ByteBuffer buffer) throws StoreException {
        buffer.flip();
        int n = buffer.remaining();
        out.write(position, buffer);
        buffer.clear();
        return n;
    }

    private static void encode(Superblock sb, ByteBuffer into) {
        int at = into.position();
        into.putLong(sb.stream().getMostSignificantBits())
                .putLong(sb.stream().getLeastSignificantBits())
                .putLong(sb.version())
                .putLong(sb.rootAddress())
                .putLong(sb.count())
                .putLong(sb.walSeq())
                .putLong(sb.treeBytes())
                .putLong(sb.commitMillis());
        CRC32C crc = new CRC32C();
        crc.update(into.array(), at, ENTRY - CRC);
        into.putInt((int) crc.getValue());
    }

    String name() {
        return name;
    }

    long id() {
        return id;
    }

    long entries() {
        return entries;
    }

    /** The superblock of that stream version, or null if this run does not hold it. */
    Superblock find(UUID stream, long version) throws StoreException {
        long lo = 0;
        long hi = entries - 1;
        // the search's position in its implicit tree (root 1, children 2n and 2n + 1): where a kept key is found
        int node = 1;
        while (hi - lo >= SLICE_ENTRIES) {
            long mid = (lo + hi) >>> 1;
            int c = compare(key(mid, node), 0, stream, version);
            if (c == 0) {
                return entry(mid);
            } else if (c < 0) {
                lo = mid + 1;
                node = 2 * node + 1;
            } else {
                hi = mid - 1;
                node = 2 * node;
            }
        }
        return lo > hi ? null : findInSlice(lo, hi, stream, version);
    }

    /** The last steps of a search: the remaining entries, at most one slice, read at once and searched in memory. */
    private Superblock findInSlice(long first, long last, UUID stream, long version) throws StoreException {
        byte[] slice = read(first, (int) (last - first + 1));
        int lo = 0;
        int hi = (int) (last - first);
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(slice, mid * entryBytes, stream, version);
            if (c == 0) {
                return decode(slice, mid * entryBytes, first + mid);
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return null;
    }

    /**
     * The sort key (msb, lsb, version) of an entry; the keys of the first levels of the binary search, which every
     * search visits, are kept.
     */
    private byte[] key(long index, int node) throws StoreException {
        boolean isKept = node < keptKeys.length();
        byte[] key = isKept ? keptKeys.get(node) : null;
        if (key == null) {
            key = new byte[KEY];
            long position = HEADER + index * entryBytes;
            if (volume.read(name, position, key, 0, KEY) != KEY) {
                throw Errors.corrupt("version run truncated", name, position);
            }
            if (isKept) {
                keptKeys.set(node, key);
            }
        }
        return key;
    }

    private static int compare(byte[] bytes, int at, UUID stream, long version) {
        int c = Long.compare(ByteSink.getLong(bytes, at), stream.getMostSignificantBits());
        if (c == 0) {
            c = Long.compare(ByteSink.getLong(bytes, at + 8), stream.getLeastSignificantBits());
        }
        return c != 0 ? c : Long.compare(ByteSink.getLong(bytes, at + 16), version);
    }

    /** The entry at an index, checksum verified. */
    Superblock entry(long index) throws StoreException {
        return decode(read(index, 1), 0, index);
    }

    /** {@code count} whole entries from {@code first} on. */
    private byte[] read(long first, int count) throws StoreException {
        byte[] bytes = new byte[count * entryBytes];
        long position = HEADER + first * entryBytes;
        if (volume.read(name, position, bytes, 0, bytes.length) != bytes.length) {
            throw Errors.corrupt("version run truncated", name, position);
        }
        return bytes;
    }

    /** The entry at {@code at} of {@code bytes} (entry number {@code index}), checksum verified. */
    private Superblock decode(byte[] bytes, int at, long index) throws StoreException {
        int fields = entryBytes - CRC;
        CRC32C crc = new CRC32C();
        crc.update(bytes, at, fields);
        if ((int) crc.getValue() != ByteSink.getInt(bytes, at + fields)) {
            throw Errors.corrupt("version run entry checksum mismatch", name, HEADER + index * entryBytes);
        }
        return new Superblock(
                new UUID(ByteSink.getLong(bytes, at), ByteSink.getLong(bytes, at + 8)),
                ByteSink.getLong(bytes, at + 16),
                ByteSink.getLong(bytes, at + 24),
                ByteSink.getLong(bytes, at + 32),
                ByteSink.getLong(bytes, at + 40),
                ByteSink.getLong(bytes, at + 48),
                entryBytes == ENTRY ? ByteSink.getLong(bytes, at + 56) : Superblock.TIME_UNKNOWN);
    }

    /** Reads the entries in order (for merging runs). */
    Cursor cursor() {
        return new Cursor();
    }

    /**
     * A forward reader over the entries, a slice of {@link #CURSOR_ENTRIES} read at a time, null after the last;
     * fails with CORRUPT_DATA on a damaged entry.
     */
    final class Cursor implements Source {
        private long next;
        private long sliceFirst;
        private byte[] slice = new byte[0];

        @Override
        public Superblock next() throws StoreException {
            if (next >= entries) {
                return null;
            }
            if (next >= sliceFirst + slice.length / entryBytes) {
                sliceFirst = next;
                slice = read(next, (int) Math.min(CURSOR_ENTRIES, entries - next));
            }
            Superblock sb = decode(slice, (int) (next - sliceFirst) * entryBytes, next);
            next++;
            return sb;
        }
    }
}
