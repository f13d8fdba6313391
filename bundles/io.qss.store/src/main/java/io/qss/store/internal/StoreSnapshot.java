// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.internal.io.MetaLog;
import io.qss.store.internal.io.ObjectPrefix;
import io.qss.store.internal.io.SegmentBlockStore;
import io.qss.store.internal.io.WriteAheadLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Exports a consistent cut of a live store, without stopping it, into a local directory in the file layout (object
 * {@code a/b} becomes file {@code a/b}), whatever the backend: the copy opens with the {@code file} backend on its own.
 * The write-ahead log is pinned first (no segment is deleted until the copy is done), then three prefixes are taken in
 * this order: the metadata objects (held unchanged by checkpoints until the copy is done), the block segments, the
 * log segments. Every superblock in the metadata prefix was appended after its blocks were written, so the block
 * prefixes taken later contain them; every insert acknowledged before the snapshot started was appended to the log
 * before, so the log prefixes taken later contain it, and the pin keeps every record that a superblock after the
 * metadata prefix covers. Prefixes end on record boundaries, so no batch is copied partially. Nothing waits: inserts
 * and commits go on while the prefixes are copied.
 */
final class StoreSnapshot {

    private static final int CHUNK = 1 << 20;

    private StoreSnapshot() {}

    static List<Path> write(StoreVolume volume, Path target, MetaLog meta, SegmentBlockStore blocks, WriteAheadLog wal)
            throws StoreException {
        Path root = prepare(volume, target);
        wal.pin();
        try (MetaLog.Pin metaCut = meta.pin()) {
            List<ObjectPrefix> objects = new ArrayList<>();
            objects.add(new ObjectPrefix(StoreFormat.FORMAT, volume.length(StoreFormat.FORMAT)));
            objects.addAll(metaCut.objects());
            objects.addAll(blocks.cut());
            objects.addAll(wal.cut());
            List<Path> written = new ArrayList<>();
            Set<Path> dirs = new LinkedHashSet<>();
            for (ObjectPrefix p : objects) {
                Path to = root.resolve(p.name());
                dirs.add(to.getParent());
                written.add(copy(volume, p, to));
            }
            dirs.add(root);
            for (Path dir : dirs) {
                syncDirectory(dir);
            }
            return written;
        } catch (IOException e) {
            throw new StoreException(
                    ErrorCode.IO_ERROR,
                    "store snapshot failed [" + volume.describe() + ", target=" + target + ", error=" + e + "]",
                    e);
        } finally {
            wal.unpin();
        }
    }

    /** Creates the empty target directory, refusing one that is not empty or lies inside the store itself. */
    private static Path prepare(StoreVolume volume, Path target) throws StoreException {
        Path abs = target.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(abs)) {
                try (Stream<Path> entries = Files.list(abs)) {
                    if (entries.findAny().isPresent()) {
                        throw new StoreException(
                                ErrorCode.WRONG_ARGS, "snapshot target not empty [target=" + target + "]");
                    }
                }
            }
            boolean existed = Files.isDirectory(abs);
            Files.createDirectories(abs);
            if (isInsideVolume(volume, abs)) {
                if (!existed) {
                    Files.deleteIfExists(abs);
                }
                throw new StoreException(
                        ErrorCode.WRONG_ARGS,
                        "snapshot target inside the store [" + volume.describe() + ", target=" + target + "]");
            }
            return abs;
        } catch (IOException e) {
            throw new StoreException(
                    ErrorCode.IO_ERROR, "creating snapshot target failed [target=" + target + ", error=" + e + "]", e);
        }
    }

    /**
     * Whether the directory is seen by the volume (a file backend's directory or one below it), which the engine
     * cannot know from a path: a marker file with a random name is put there, and the volume asked whether it holds
     * an object named by the marker's path relative to each ancestor.
     */
    private static boolean isInsideVolume(StoreVolume volume, Path dir) throws IOException, StoreException {
        Path marker = dir.resolve("snapshot-marker-" + UUID.randomUUID() + ".tmp");
        Files.createFile(marker);
        try {
            for (Path ancestor = dir; ancestor != null; ancestor = ancestor.getParent()) {
                String name = ancestor.relativize(marker)
                        .toString()
                        .replace(dir.getFileSystem().getSeparator(), "/");
                if (name.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*") && volume.length(name) >= 0) {
                    return true;
                }
            }
            return false;
        } finally {
            Files.deleteIfExists(marker);
        }
    }

    private static Path copy(StoreVolume volume, ObjectPrefix prefix, Path to) throws IOException, StoreException {
        Files.createDirectories(to.getParent());
        try (FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(0, prefix.length()))];
            long pos = 0;
            while (pos < prefix.length()) {
                int want = (int) Math.min(chunk.length, prefix.length() - pos);
                int n = volume.read(prefix.name(), pos, chunk, 0, want);
                if (n <= 0) {
                    throw new IOException("object shorter than its prefix [object=" + prefix.name() + ", length="
                            + prefix.length() + ", copied=" + pos + "]");
                }
                ByteBuffer buf = ByteBuffer.wrap(chunk, 0, n);
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                pos += n;
            }
            out.force(true);
        }
        return to;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the files themselves are synced.
        }
    }
}
