// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.internal.io.FileBlockStore;
import io.qss.store.internal.io.FilePrefix;
import io.qss.store.internal.io.MetaLog;
import io.qss.store.internal.io.WriteAheadLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies a live store without stopping it. The write-ahead log is pinned first (no segment is deleted until the copy
 * is done), then three prefixes are taken in this order: the metadata files (held unchanged by checkpoints until the
 * copy is done), the block segments, the log segments.
 * Every superblock in the metadata prefix was appended after its blocks were written, so the block prefixes taken
 * later contain them; every insert acknowledged before the snapshot started was appended to the log before, so the
 * log prefixes taken later contain it, and the pin keeps every record that a superblock after the metadata prefix
 * covers. Prefixes end on record boundaries, so no batch is copied partially. Nothing waits: inserts and commits go
 * on while the prefixes are copied.
 */
final class StoreSnapshot {

    private StoreSnapshot() {}

    static List<Path> write(Path source, Path target, MetaLog meta, FileBlockStore blocks, WriteAheadLog wal)
            throws StoreException {
        prepare(source, target);
        wal.pin();
        try (MetaLog.Pin metaCut = meta.pin()) {
            List<FilePrefix> blockCut = blocks.cut();
            List<FilePrefix> walCut = wal.cut();
            List<Path> written = new ArrayList<>();
            written.add(copy(
                    new FilePrefix(source.resolve("FORMAT"), Files.size(source.resolve("FORMAT"))),
                    target.resolve("FORMAT")));
            for (FilePrefix p : metaCut.files()) {
                written.add(copy(p, target.resolve(p.file().getFileName())));
            }
            for (FilePrefix p : blockCut) {
                written.add(copy(p, target.resolve("blocks").resolve(p.file().getFileName())));
            }
            for (FilePrefix p : walCut) {
                written.add(copy(p, target.resolve("wal").resolve(p.file().getFileName())));
            }
            for (Path dir : List.of(target.resolve("blocks"), target.resolve("wal"), target)) {
                syncDirectory(dir);
            }
            return written;
        } catch (IOException e) {
            throw new StoreException(
                    ErrorCode.IO_ERROR, "store snapshot failed [source=" + source + ", target=" + target + "]", e);
        } finally {
            wal.unpin();
        }
    }

    private static void prepare(Path source, Path target) throws StoreException {
        Path abs = target.toAbsolutePath().normalize();
        if (abs.startsWith(source.toAbsolutePath().normalize())) {
            throw new StoreException(
                    ErrorCode.WRONG_ARGS,
                    "snapshot target inside the store [store=" + source + ", target=" + target + "]");
        }
        try {
            if (Files.isDirectory(abs)) {
                try (Stream<Path> entries = Files.list(abs)) {
                    if (entries.findAny().isPresent()) {
                        throw new StoreException(
                                ErrorCode.WRONG_ARGS, "snapshot target not empty [target=" + target + "]");
                    }
                }
            }
            Files.createDirectories(abs.resolve("blocks"));
            Files.createDirectories(abs.resolve("wal"));
        } catch (IOException e) {
            throw new StoreException(ErrorCode.IO_ERROR, "creating snapshot target failed [target=" + target + "]", e);
        }
    }

    private static Path copy(FilePrefix prefix, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(prefix.file(), StandardOpenOption.READ);
                FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long pos = 0;
            while (pos < prefix.length()) {
                long n = in.transferTo(pos, prefix.length() - pos, out);
                if (n <= 0) {
                    throw new IOException("file shorter than its prefix [file=" + prefix.file() + ", length="
                            + prefix.length() + ", copied=" + pos + "]");
                }
                pos += n;
            }
            out.force(true);
        }
        return to.toAbsolutePath();
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the files themselves are synced.
        }
    }
}
