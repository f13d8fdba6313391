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
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * An immutable object of superblocks sorted by (stream, version): the on-demand index of old versions that a
 * checkpoint moves out of the metadata log. {@code "QSSVRUN1", u64 entries}, then fixed-size entries
 * {@code u64 msb, u64 lsb, u64 version, u64 rootAddress, u64 count, u64 walSeq, u64 treeBytes, u32 crc32c} (of the
 * 56 bytes before it), so a lookup is a binary search touching about log2(entries) entries and opening reads only
 * the header. Entries are read a page ({@link #PAGE_ENTRIES}) at a time and pages kept: the first steps of every
 * binary search visit the same few pages, so a lookup reads the volume once or twice, whatever the backend. A run
 * never changes, so a cached page never goes stale. Thread-safe.
 */
public final class VersionRun {

    static final int HEADER = 16;
    static final int ENTRY = 60;
    private static final int FIELDS = 56;
    private static final byte[] MAGIC = "QSSVRUN1".getBytes(StandardCharsets.US_ASCII);
    /** Entries read at once: about one 4 KiB page. */
    private static final int PAGE_ENTRIES = 64;
    /** Pages kept per run (about 1 MiB); past it the cache starts over. */
    private static final int MAX_PAGES = 256;

    /** Order of entries: stream (signed msb, then signed lsb), then version. */
    static final Comparator<Superblock> ORDER = Comparator.comparingLong(
                    (Superblock s) -> s.stream().getMostSignificantBits())
            .thenComparingLong(s -> s.stream().getLeastSignificantBits())
            .thenComparingLong(Superblock::version);

    private final StoreVolume volume;
    private final String name;
    private final long id;
    private final long entries;
    private final ConcurrentHashMap<Long, byte[]> pages = new ConcurrentHashMap<>();

    private VersionRun(StoreVolume volume, String name, long id, long entries) {
        this.volume = volume;
        this.name = name;
        this.id = id;
        this.entries = entries;
    }

    /**
     * Opens a run whose manifest entry says it holds {@code expectedEntries}.
     *
     * @throws StoreException CORRUPT_DATA when its size or header disagrees
     */
    static VersionRun open(StoreVolume volume, String name, long id, long expectedEntries) throws StoreException {
        long size = volume.length(name);
        if (size != HEADER + ENTRY * expectedEntries) {
            throw Errors.corrupt(
                    "version run size wrong [expectedEntries=" + expectedEntries + ", size=" + size + "]", name, 0);
        }
        byte[] header = new byte[HEADER];
        if (volume.read(name, 0, header, 0, HEADER) != HEADER
                || !Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || ByteSink.getLong(header, MAGIC.length) != expectedEntries) {
            throw Errors.corrupt("version run header wrong", name, 0);
        }
        return new VersionRun(volume, name, id, expectedEntries);
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
                .putLong(sb.treeBytes());
        CRC32C crc = new CRC32C();
        crc.update(into.array(), at, FIELDS);
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
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            int c = compare(mid, stream, version);
            if (c == 0) {
                return entry(mid);
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return null;
    }

    private int compare(long index, UUID stream, long version) throws StoreException {
        byte[] page = page(index / PAGE_ENTRIES);
        int at = (int) (index % PAGE_ENTRIES) * ENTRY;
        int c = Long.compare(ByteSink.getLong(page, at), stream.getMostSignificantBits());
        if (c == 0) {
            c = Long.compare(ByteSink.getLong(page, at + 8), stream.getLeastSignificantBits());
        }
        return c != 0 ? c : Long.compare(ByteSink.getLong(page, at + 16), version);
    }

    /** The entry at an index, checksum verified. */
    Superblock entry(long index) throws StoreException {
        byte[] page = page(index / PAGE_ENTRIES);
        int at = (int) (index % PAGE_ENTRIES) * ENTRY;
        CRC32C crc = new CRC32C();
        crc.update(page, at, FIELDS);
        if ((int) crc.getValue() != ByteSink.getInt(page, at + FIELDS)) {
            throw Errors.corrupt("version run entry checksum mismatch", name, HEADER + index * ENTRY);
        }
        return new Superblock(
                new UUID(ByteSink.getLong(page, at), ByteSink.getLong(page, at + 8)),
                ByteSink.getLong(page, at + 16),
                ByteSink.getLong(page, at + 24),
                ByteSink.getLong(page, at + 32),
                ByteSink.getLong(page, at + 40),
                ByteSink.getLong(page, at + 48));
    }

    /** The entries of one page, read from the volume on first use. */
    private byte[] page(long number) throws StoreException {
        byte[] page = pages.get(number);
        if (page != null) {
            return page;
        }
        long first = number * PAGE_ENTRIES;
        int length = (int) (Math.min(PAGE_ENTRIES, entries - first) * ENTRY);
        page = new byte[length];
        long position = HEADER + first * ENTRY;
        if (volume.read(name, position, page, 0, length) != length) {
            throw Errors.corrupt("version run truncated", name, position);
        }
        if (pages.size() >= MAX_PAGES) {
            pages.clear();
        }
        pages.put(number, page);
        return page;
    }

    /** Reads the entries in order (for merging runs). */
    Cursor cursor() {
        return new Cursor();
    }

    /** A forward reader over the entries, null after the last; fails with CORRUPT_DATA on a damaged entry. */
    final class Cursor implements Source {
        private long next;

        @Override
        public Superblock next() throws StoreException {
            return next < entries ? entry(next++) : null;
        }
    }
}
