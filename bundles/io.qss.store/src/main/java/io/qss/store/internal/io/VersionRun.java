// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.api.StoreException;
import io.qss.store.internal.io.MetaRecord.Superblock;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * An immutable file of superblocks sorted by (stream, version): the on-demand index of old versions that a
 * checkpoint moves out of the metadata log. {@code "QSSVRUN1", u64 entries}, then fixed-size entries
 * {@code u64 msb, u64 lsb, u64 version, u64 rootAddress, u64 count, u64 walSeq, u64 treeBytes, u32 crc32c} (of the
 * 56 bytes before it), so a lookup is a binary search touching about log2(entries) entries and opening costs
 * nothing but a mapping. Read through read-only mappings, which stay valid after the file is replaced and deleted,
 * so a lookup racing a merge never fails. Thread-safe.
 */
public final class VersionRun {

    static final int HEADER = 16;
    static final int ENTRY = 60;
    private static final int FIELDS = 56;
    private static final byte[] MAGIC = "QSSVRUN1".getBytes(StandardCharsets.US_ASCII);
    /** Entries per mapping: a mapping is limited to 2 GiB, and no entry may straddle two. */
    private static final long ENTRIES_PER_MAP = 1L << 24;

    /** Order of entries: stream (signed msb, then signed lsb), then version. */
    static final Comparator<Superblock> ORDER = Comparator.comparingLong(
                    (Superblock s) -> s.stream().getMostSignificantBits())
            .thenComparingLong(s -> s.stream().getLeastSignificantBits())
            .thenComparingLong(Superblock::version);

    private final Path file;
    private final long id;
    private final long entries;
    private final List<MappedByteBuffer> maps;

    private VersionRun(Path file, long id, long entries, List<MappedByteBuffer> maps) {
        this.file = file;
        this.id = id;
        this.entries = entries;
        this.maps = maps;
    }

    /**
     * Maps a run whose manifest entry says it holds {@code expectedEntries}.
     *
     * @throws StoreException CORRUPT_DATA when its size or header disagrees
     */
    static VersionRun open(Path file, long id, long expectedEntries) throws StoreException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != HEADER + ENTRY * expectedEntries) {
                throw Errors.corrupt(
                        "version run size wrong [expectedEntries=" + expectedEntries + ", size=" + size + "]", file, 0);
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && ch.read(header, header.position()) > 0) {
                // read the whole header
            }
            header.flip();
            byte[] magic = new byte[MAGIC.length];
            header.get(magic);
            if (!Arrays.equals(magic, MAGIC) || header.getLong() != expectedEntries) {
                throw Errors.corrupt("version run header wrong", file, 0);
            }
            List<MappedByteBuffer> maps = new ArrayList<>();
            for (long first = 0; first < expectedEntries; first += ENTRIES_PER_MAP) {
                long n = Math.min(ENTRIES_PER_MAP, expectedEntries - first);
                MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, HEADER + first * ENTRY, n * ENTRY);
                map.order(ByteOrder.LITTLE_ENDIAN);
                maps.add(map);
            }
            return new VersionRun(file, id, expectedEntries, maps);
        } catch (IOException e) {
            throw Errors.io("opening version run failed", file, e);
        }
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
    static long write(Path file, Source sorted) throws StoreException {
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long n = 0;
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch.position(HEADER)), 1 << 16);
            ByteBuffer entry = ByteBuffer.allocate(ENTRY).order(ByteOrder.LITTLE_ENDIAN);
            for (Superblock sb = sorted.next(); sb != null; sb = sorted.next()) {
                encode(sb, entry.clear());
                out.write(entry.array(), 0, ENTRY);
                n++;
            }
            out.flush();
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            header.put(MAGIC).putLong(n).flip();
            while (header.hasRemaining()) {
                ch.write(header, header.position());
            }
            ch.force(true);
            return n;
        } catch (IOException e) {
            throw Errors.io("writing version run failed", file, e);
        }
    }

    private static void encode(Superblock sb, ByteBuffer into) {
        into.putLong(sb.stream().getMostSignificantBits())
                .putLong(sb.stream().getLeastSignificantBits())
                .putLong(sb.version())
                .putLong(sb.rootAddress())
                .putLong(sb.count())
                .putLong(sb.walSeq())
                .putLong(sb.treeBytes());
        CRC32C crc = new CRC32C();
        crc.update(into.array(), 0, FIELDS);
        into.putInt((int) crc.getValue());
    }

    Path file() {
        return file;
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

    private int compare(long index, UUID stream, long version) {
        ByteBuffer map = maps.get((int) (index / ENTRIES_PER_MAP));
        int at = (int) (index % ENTRIES_PER_MAP) * ENTRY;
        int c = Long.compare(map.getLong(at), stream.getMostSignificantBits());
        if (c == 0) {
            c = Long.compare(map.getLong(at + 8), stream.getLeastSignificantBits());
        }
        return c != 0 ? c : Long.compare(map.getLong(at + 16), version);
    }

    /** The entry at an index, checksum verified. */
    Superblock entry(long index) throws StoreException {
        ByteBuffer map = maps.get((int) (index / ENTRIES_PER_MAP));
        int at = (int) (index % ENTRIES_PER_MAP) * ENTRY;
        CRC32C crc = new CRC32C();
        crc.update(map.slice(at, FIELDS));
        if ((int) crc.getValue() != map.getInt(at + FIELDS)) {
            throw Errors.corrupt("version run entry checksum mismatch", file, HEADER + index * ENTRY);
        }
        return new Superblock(
                new UUID(map.getLong(at), map.getLong(at + 8)),
                map.getLong(at + 16),
                map.getLong(at + 24),
                map.getLong(at + 32),
                map.getLong(at + 40),
                map.getLong(at + 48));
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
