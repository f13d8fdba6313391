// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.WritableObject;
import io.qss.store.api.spi.WriterLease;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts a backup's store (an export in the file layout: each file an object, its path the object's name) into the
 * volume of a store that does not live in the default data folder, e.g. on RADOS: under the writer lease, every
 * object of the volume is deleted, then every file of the export written and synced. With no export the volume is
 * only emptied (a new database). Used while the store is stopped.
 */
final class VolumeRestore {

    private static final int CHUNK = 1 << 20;
    static final String HOLDER = "qss-restore";

    private VolumeRestore() {}

    /** Replaces the volume's objects with the files under {@code export} (none when null); returns objects written. */
    static int replace(StoreVolume volume, Path export) throws IOException {
        try (WriterLease lease = volume.acquireWriter(HOLDER)) {
            for (String name : volume.list("")) {
                volume.delete(name);
            }
            int written = 0;
            for (Path file : files(export)) {
                lease.check();
                write(
                        volume,
                        export.relativize(file)
                                .toString()
                                .replace(file.getFileSystem().getSeparator(), "/"),
                        file);
                written++;
            }
            return written;
        } catch (StoreException e) {
            throw new IOException("restoring the store into its volume failed [" + volume.describe() + "]", e);
        }
    }

    private static List<Path> files(Path export) throws IOException {
        List<Path> files = new ArrayList<>();
        if (export == null || !Files.isDirectory(export)) {
            return files;
        }
        try (Stream<Path> all = Files.walk(export)) {
            all.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        return files;
    }

    private static void write(StoreVolume volume, String name, Path file) throws IOException, StoreException {
        try (WritableObject object = volume.openWritable(name, 0);
                InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[CHUNK];
            long position = 0;
            for (int n = in.readNBytes(chunk, 0, CHUNK); n > 0; n = in.readNBytes(chunk, 0, CHUNK)) {
                object.write(position, ByteBuffer.wrap(chunk, 0, n).duplicate());
                position += n;
                // the buffer may be kept until the write completes: never reuse it
                chunk = new byte[CHUNK];
            }
            object.sync();
        }
    }
}
