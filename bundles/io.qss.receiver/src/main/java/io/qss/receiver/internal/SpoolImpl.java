// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import io.qss.receiver.Spool;
import io.qss.receiver.SpoolListener;
import io.qss.receiver.SpooledFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The spool on disk. A file is written to {@code .incoming/<n>.part}, forced, renamed to its place and its
 * directory forced; so after a crash every file in place is complete, and a {@code .part} file was never
 * acknowledged and is removed by {@link #reconcile()}. Thread-safe: concurrent writers use distinct temporary names,
 * and the rename is atomic.
 */
public final class SpoolImpl implements Spool {

    private static final String INCOMING = ".incoming";
    private static final Logger LOG = LoggerFactory.getLogger(SpoolImpl.class);

    private final Path root;
    private final Path incoming;
    private final List<SpoolListener> listeners = new CopyOnWriteArrayList<>();
    private final BooleanSupplier isAccepting;
    private final AtomicLong sequence = new AtomicLong(System.nanoTime());

    public SpoolImpl(Path root, BooleanSupplier isAccepting) throws IOException {
        this.root = root.toAbsolutePath();
        this.incoming = this.root.resolve(INCOMING);
        this.isAccepting = isAccepting;
        Files.createDirectories(incoming);
    }

    /** Removes temporary files left by a crash; returns how many. */
    public int reconcile() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(incoming)) {
            for (Path part : parts) {
                Files.deleteIfExists(part);
                removed++;
            }
        }
        if (removed > 0) {
            forceDirectory(incoming);
        }
        return removed;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public Path deviceDirectory(String serial) {
        return root.resolve(SpoolPaths.serial(serial));
    }

    @Override
    public Path stateDirectory(String name) throws IOException {
        Path dir = root.resolve("." + name);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            forceDirectory(root);
        }
        return dir;
    }

    @Override
    public List<String> serials() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().forEach(out::add);
        }
        return out;
    }

    @Override
    public SpooledFile store(String serial, String path, byte[] data) throws IOException {
        Path target = target(serial, path);
        Path part = newPart();
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw new IOException("writing spool file failed [serial=" + serial + ", path=" + path + "]", e);
        }
        return publish(serial, path, part, target, data.length);
    }

    @Override
    public SpooledFile importFile(String serial, String path, Path source) throws IOException {
        Path target = target(serial, path);
        Path part = newPart();
        long size;
        try (InputStream in = Files.newInputStream(source);
                FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            size = in.transferTo(java.nio.channels.Channels.newOutputStream(ch));
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw new IOException("importing file into spool failed [serial=" + serial + ", source=" + source
                    + "]", e);
        }
        return publish(serial, path, part, target, size);
    }

    @Override
    public void addListener(SpoolListener l) {
        listeners.add(l);
    }

    @Override
    public void removeListener(SpoolListener l) {
        listeners.remove(l);
    }

    @Override
    public boolean isAcceptingData() {
        return isAccepting.getAsBoolean();
    }

    private Path target(String serial, String path) {
        Path device = deviceDirectory(serial);
        Path target = device.resolve(SpoolPaths.path(path)).normalize();
        if (!target.startsWith(device)) {
            throw new IllegalArgumentException("file path rejected: leaves the device directory [path=" + path + "]");
        }
        return target;
    }

    private Path newPart() {
        return incoming.resolve(sequence.incrementAndGet() + ".part");
    }

    private SpooledFile publish(String serial, String path, Path part, Path target, long size) throws IOException {
        try {
            createDirectories(target.getParent());
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(target.getParent());
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw new IOException("moving file into spool failed [serial=" + serial + ", path=" + path + "]", e);
        }
        SpooledFile file = new SpooledFile(serial, path, target, size);
        for (SpoolListener l : listeners) {
            try {
                l.spooled(file);
            } catch (RuntimeException e) {
                LOG.error("spool listener failed [serial={}, path={}]", serial, path, e);
            }
        }
        return file;
    }

    /** Creates missing directories, forcing each parent so the new entries survive a crash. */
    private void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return;
        }
        forceDirectory(dir.getParent());
    }

    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
