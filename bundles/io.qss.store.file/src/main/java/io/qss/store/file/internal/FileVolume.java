// SPDX-License-Identifier: Apache-2.0
package io.qss.store.file.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.VolumeSpace;
import io.qss.store.api.spi.WritableObject;
import io.qss.store.api.spi.WriterLease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A store volume on a local directory: object {@code a/b} is the file {@code <dir>/a/b}, so a store directory written
 * before volumes existed opens unchanged. New files and deletions sync their directory; a replacement is a temporary
 * file ({@code <name>.tmp}), fsync, atomic rename, directory fsync. Reads go through read-only mappings kept per
 * object (see {@link MappedReader}), which keeps block and version lookups as fast as reading memory. The writer
 * lease is the lock on {@code LOCK}. Thread-safe.
 */
public final class FileVolume implements StoreVolume {

    private final Path root;
    private final FileStore fileStore;
    private final ConcurrentHashMap<String, MappedReader> readers = new ConcurrentHashMap<>();
    private volatile FileLease lease;

    private FileVolume(Path root, FileStore fileStore) {
        this.root = root;
        this.fileStore = fileStore;
    }

    /** Opens the volume in {@code dir}, creating the directory if absent. */
    public static FileVolume open(Path dir) throws StoreException {
        Path root = dir.toAbsolutePath().normalize();
        try {
            Path parent = root.getParent();
            Directories.create(parent == null ? root : parent, root);
            return new FileVolume(root, Files.getFileStore(root));
        } catch (IOException e) {
            throw Failures.io("opening store directory failed", root, e);
        }
    }

    Path root() {
        return root;
    }

    @Override
    public String describe() {
        return "dir=" + root;
    }

    @Override
    public List<String> list(String prefix) throws StoreException {
        int slash = prefix.lastIndexOf('/');
        Path from = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(from)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(from)) {
            List<String> names = new ArrayList<>();
            files.filter(Files::isRegularFile)
                    .map(p -> ObjectNames.nameOf(root, p))
                    .filter(n -> n.startsWith(prefix) && ObjectNames.isValid(n))
                    .forEach(names::add);
            names.sort(null);
            return names;
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw Failures.io("listing objects failed", root, prefix + "*", cause);
        }
    }

    @Override
    public long length(String name) throws StoreException {
        Path file = ObjectNames.resolve(root, name);
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw Failures.io("reading object length failed", root, name, e);
        }
    }

    @Override
    public int read(String name, long position, byte[] into, int offset, int length) throws StoreException {
        for (int attempt = 0; ; attempt++) {
            MappedReader reader = reader(name);
            if (reader == null) {
                return -1;
            }
            try {
                return reader.read(position, into, offset, length);
            } catch (ClosedChannelException e) {
                // an interrupted reader closes the shared channel (or a delete raced this read): open it again, once
                readers.remove(name, reader);
                if (attempt > 0) {
                    throw Failures.io("reading object failed", root, name + "@" + position, e);
                }
            } catch (IOException e) {
                throw Failures.io("reading object failed", root, name + "@" + position, e);
            }
        }
    }

    /** The reader of an object, opened on first use; null when the object does not exist. */
    private MappedReader reader(String name) throws StoreException {
        MappedReader reader = readers.get(name);
        if (reader != null) {
            return reader;
        }
        Path file = ObjectNames.resolve(root, name);
        try {
            MappedReader opened = new MappedReader(FileChannel.open(file, StandardOpenOption.READ));
            MappedReader raced = readers.putIfAbsent(name, opened);
            if (raced != null) {
                opened.close();
                return raced;
            }
            return opened;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw Failures.io("opening object failed", root, name, e);
        }
    }

    /** Drops the reader of an object whose file is being cut, replaced or deleted (its mapping would be stale). */
    void forgetReader(String name) {
        MappedReader reader = readers.remove(name);
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                // only a read channel; nothing was written through it
            }
        }
    }

    @Override
    public byte[] readAll(String name) throws StoreException {
        Path file = ObjectNames.resolve(root, name);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw Failures.io("reading object failed", root, name, e);
        }
    }

    @Override
    public WritableObject openWritable(String name, long validEnd) throws StoreException {
        Path file = ObjectNames.resolve(root, name);
        try {
            Directories.create(root, file.getParent());
            boolean isNew = !Files.exists(file);
            FileChannel ch = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                if (isNew) {
                    Directories.sync(file.getParent());
                }
                if (ch.size() > validEnd) {
                    forgetReader(name);
                    ch.truncate(validEnd);
                    ch.force(true);
                }
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            return new FileWritableObject(this, name, ch);
        } catch (IOException e) {
            throw Failures.io("opening object for writing failed", root, name, e);
        }
    }

    @Override
    public void replace(String name, byte[] content) throws StoreException {
        Path file = ObjectNames.resolve(root, name);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Directories.create(root, file.getParent());
            try (FileChannel ch = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            forgetReader(name);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Directories.sync(file.getParent());
        } catch (IOException e) {
            throw Failures.io("replacing object failed", root, name, e);
        }
    }

    @Override
    public void delete(String name) throws StoreException {
        Path file = ObjectNames.resolve(root, name);
        forgetReader(name);
        try {
            if (Files.deleteIfExists(file)) {
                Directories.sync(file.getParent());
            }
        } catch (IOException e) {
            throw Failures.io("deleting object failed", root, name, e);
        }
    }

    @Override
    public synchronized WriterLease acquireWriter(String holder) throws StoreException {
        FileLease held = lease;
        if (held != null && held.isValid()) {
            throw inUse(held.holder());
        }
        Path file = root.resolve(ObjectNames.LOCK);
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw inUse(currentHolder(file));
            }
            byte[] name = holder.getBytes(StandardCharsets.UTF_8);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(name), 0);
            FileLease acquired = new FileLease(file, holder, ch, lock, name.length);
            lease = acquired;
            return acquired;
        } catch (IOException e) {
            throw Failures.io("locking store directory failed", root, ObjectNames.LOCK, e);
        }
    }

    private StoreException inUse(String holder) {
        return new StoreException(
                ErrorCode.UNAVAILABLE, "store directory in use [dir=" + root + ", holder=" + holder + "]");
    }

    private static String currentHolder(Path lockFile) {
        try {
            String text = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "unknown" : text;
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public VolumeSpace space() throws StoreException {
        try {
            return new VolumeSpace(fileStore.getTotalSpace(), fileStore.getUsableSpace());
        } catch (IOException e) {
            throw Failures.io("reading free space failed", root, e);
        }
    }

    @Override
    public void probeWrite() throws StoreException {
        FileLease held = lease;
        try {
            if (held != null && held.isValid()) {
                held.probeWrite();
            } else {
                probeWithScratchFile();
            }
        } catch (IOException e) {
            throw Failures.io("probe write failed", root, ObjectNames.LOCK, e);
        }
    }

    /** Without the lease the lock file is another process's: a synced scratch file, deleted again, proves as much. */
    private void probeWithScratchFile() throws IOException {
        Path scratch = root.resolve("PROBE.tmp");
        try (FileChannel ch = FileChannel.open(scratch, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4096), 0);
            ch.force(false);
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    @Override
    public void close() {
        for (String name : List.copyOf(readers.keySet())) {
            forgetReader(name);
        }
    }
}
