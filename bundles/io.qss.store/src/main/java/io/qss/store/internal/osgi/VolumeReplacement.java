// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.osgi;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.WritableObject;
import io.qss.store.api.spi.WriterLease;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Replaces every object of a store volume with the files of an export (the file layout
 * {@code TimeSeriesStore.snapshot} writes: file {@code a/b} is object {@code a/b}), or with nothing. Plain Java.
 *
 * <p>The order makes an interrupted replacement detectable instead of a store with part of its objects:
 * <ol>
 *   <li>the export is checked (a {@code FORMAT} file, object names only, no file above the volume's largest object)
 *       and the writer lease is taken; a refusal changes nothing;
 *   <li>{@code FORMAT} is replaced (atomically) by {@link #INCOMPLETE}, which the engine refuses to open as an
 *       unsupported format, naming the marker;
 *   <li>every other object is deleted, then each file of the export written as an object and synced;
 *   <li>the export's {@code FORMAT} is written last (atomically); for an empty store the marker is deleted instead
 *       (the engine starts a new store on an empty volume).
 * </ol>
 * Killed between steps 2 and 4, the volume holds the marker: the store does not open and says why; running the
 * restore or the new database again completes it, since every step starts from whatever is there.
 */
final class VolumeReplacement {

    /** The engine's format header object; an export without one is no store. */
    static final String FORMAT = "FORMAT";
    /** First line of {@code FORMAT} while a replacement runs: no format the engine opens. */
    static final String INCOMPLETE = "qss-store-restore-incomplete (run qss:restore or qss:newdb again)";

    private static final Pattern OBJECT_NAME = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    /** The file backend's lock file: part of a store folder, never an object. */
    private static final String FILE_LOCK = "LOCK";

    private static final int CHUNK = 1 << 20;

    /** What a replacement wrote: objects (FORMAT included) and their bytes. */
    record Written(int objects, long bytes) {}

    /** One file of the export and the object it becomes. */
    private record ExportFile(Path file, String object, long bytes) {}

    private VolumeReplacement() {}

    /**
     * Replaces the volume's objects with the export's files, or deletes them all when {@code export} is null.
     *
     * @param holder who replaces, for the message a process that wants the lease meanwhile gets
     * @throws IOException naming the volume: the export unusable or the lease held by another process (nothing
     *     changed), or a failure while replacing (the volume then holds the marker)
     */
    static Written replace(StoreVolume volume, Path export, String holder, Consumer<String> progress)
            throws IOException {
        List<ExportFile> files = export == null ? List.of() : exportFiles(volume, export);
        try (WriterLease lease = acquire(volume, holder)) {
            volume.replace(FORMAT, (INCOMPLETE + "\n").getBytes(StandardCharsets.UTF_8));
            int deleted = deleteAllBut(volume, FORMAT);
            progress.accept("store objects deleted [" + volume.describe() + ", objects=" + deleted + "]");
            long bytes = 0;
            for (ExportFile f : files) {
                if (!f.object().equals(FORMAT)) {
                    copy(volume, f);
                    bytes += f.bytes();
                }
            }
            if (export == null) {
                volume.delete(FORMAT);
                return new Written(0, 0);
            }
            byte[] format = Files.readAllBytes(export.resolve(FORMAT));
            volume.replace(FORMAT, format);
            return new Written(files.size(), bytes + format.length);
        } catch (StoreException e) {
            // also a failed release of the lease after a complete replacement: rare, and a new restore is harmless
            throw new IOException(
                    "replacing the store failed; it refuses to open until a restore or newdb completes" + " ["
                            + volume.describe() + ", export=" + export + ", error=" + e.getMessage() + "]",
                    e);
        }
    }

    /** The export's files, checked before anything changes. */
    private static List<ExportFile> exportFiles(StoreVolume volume, Path export) throws IOException {
        if (!Files.isRegularFile(export.resolve(FORMAT))) {
            throw new IOException("not a store export: no FORMAT file; nothing replaced [" + volume.describe()
                    + ", export=" + export + "]");
        }
        List<ExportFile> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(export)) {
            for (Path file : (Iterable<Path>) all.filter(Files::isRegularFile).sorted()::iterator) {
                String name = export.relativize(file)
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), "/");
                long bytes = Files.size(file);
                if (!OBJECT_NAME.matcher(name).matches() || name.equals(FILE_LOCK)) {
                    throw new IOException("export file is no store object; nothing replaced [" + volume.describe()
                            + ", export=" + export + ", file=" + name + "]");
                }
                if (bytes > volume.maxObjectBytes()) {
                    throw new IOException("export file larger than the backend's largest object; nothing replaced ["
                            + volume.describe() + ", file=" + name + ", bytes=" + bytes + ", maxObjectBytes="
                            + volume.maxObjectBytes() + "]");
                }
                files.add(new ExportFile(file, name, bytes));
            }
        }
        files.sort(Comparator.comparing(ExportFile::object));
        return files;
    }

    private static WriterLease acquire(StoreVolume volume, String holder) throws IOException {
        try {
            return volume.acquireWriter(holder);
        } catch (StoreException e) {
            // e.g. a standby qss on the same pool that took over while this one's store was stopped
            throw new IOException(
                    "another process writes the store; nothing replaced [" + volume.describe() + ", error="
                            + e.getMessage() + "]",
                    e);
        }
    }

    private static int deleteAllBut(StoreVolume volume, String kept) throws StoreException {
        int deleted = 0;
        for (String name : volume.list("")) {
            if (!name.equals(kept)) {
                volume.delete(name);
                deleted++;
            }
        }
        return deleted;
    }

    private static void copy(StoreVolume volume, ExportFile from) throws IOException, StoreException {
        try (FileChannel in = FileChannel.open(from.file(), StandardOpenOption.READ);
                WritableObject out = volume.openWritable(from.object(), 0)) {
            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, from.bytes())));
            long position = 0;
            while (position < from.bytes()) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), from.bytes() - position));
                int n = in.read(chunk, position);
                if (n < 0) {
                    throw new IOException("export file shorter than listed [file=" + from.file() + ", bytes="
                            + from.bytes() + ", read=" + position + "]");
                }
                chunk.flip();
                out.write(position, chunk);
                position += n;
            }
            out.sync();
        }
    }
}
