// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import io.qss.receiver.Spool;
import io.qss.receiver.SpoolListener;
import io.qss.receiver.SpooledFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool on disk. A file is written to {@code .incoming/<node>~<n>.part}, forced, renamed to its place and its
 * directory forced; so after a crash every file in place is complete, and a {@code .part} file of this node was
 * never acknowledged and is removed by {@link #reconcile()}. The node (the host name) in the temporary name keeps
 * two hosts that share one spool folder from clashing or removing each other's files in progress. When the spool is
 * shared ({@link SharedCopies}), a stored file is copied there after it is in place and before the listeners (and so
 * sync) hear of it, and before it is acknowledged. Thread-safe: concurrent writers use distinct temporary names, and
 * the rename is atomic.
 */
public final class SpoolImpl implements Spool {

    private static final String INCOMING = ".incoming";
    private static final String PART = ".part";
    private static final char NODE_END = '~';
    private static final Logger LOG = LoggerFactory.getLogger(SpoolImpl.class);

    private final Path root;
    private final Path incoming;
    private final List<SpoolListener> listeners = new CopyOnWriteArrayList<>();
    private final BooleanSupplier isAccepting;
    private final AtomicLong sequence = new AtomicLong(System.nanoTime());
    private final String node;
    private volatile SharedCopies shared = SharedCopies.NONE;

    public SpoolImpl(Path root, BooleanSupplier isAccepting) throws IOException {
        this(root, isAccepting, NodeNames.local());
    }

    /** A spool whose temporary files are named after {@code node} (a safe file-name prefix without '~'). */
    SpoolImpl(Path root, BooleanSupplier isAccepting, String node) throws IOException {
        this.root = root.toAbsolutePath();
        this.incoming = this.root.resolve(INCOMING);
        this.isAccepting = isAccepting;
        this.node = node;
        Files.createDirectories(incoming);
    }

    /** Where copies of stored files go from now on ({@link SharedCopies#NONE}: nowhere). */
    void share(SharedCopies copies) {
        shared = copies;
    }

    /** Why a new file would be refused by the shared spool now, or null when it would be taken. */
    String sharedRefusal() {
        return shared.refusal();
    }

    /**
     * Removes temporary files left by a crash of this node (and unnamed ones of older versions); returns how many.
     * Other nodes' files are theirs: they may be writing them now.
     */
    public int reconcile() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(incoming)) {
            for (Path part : parts) {
                String name = part.getFileName().toString();
                if (name.indexOf(NODE_END) < 0 || name.startsWith(node + NODE_END)) {
                    Files.deleteIfExists(part);
                    removed++;
                }
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
            entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .forEach(out::add);
        }
        return out;
    }

    @Override
    public SpooledFile store(String serial, String path, byte[] data) throws IOException {
        try (PendingFile pending = begin(serial, SpoolPaths.map(path))) {
            pending.write(ByteBuffer.wrap(data));
            return pending.commit();
        }
    }

    /**
     * Stores a file copied from the shared spool (another node acknowledged it): like {@link #store} at its spool
     * path, without copying it back there.
     */
    SpooledFile storeShared(String serial, String spoolPath, byte[] data) throws IOException {
        try (PendingFile pending = begin(serial, SpoolPaths.map(spoolPath))) {
            pending.isCopyShared = false;
            pending.write(ByteBuffer.wrap(data));
            return pending.commit();
        }
    }

    @Override
    public void ingested(String serial, String spoolPath) {
        shared.ingested(serial, spoolPath);
    }

    @Override
    public SpooledFile importFile(String serial, String path, Path source) throws IOException {
        try (PendingFile pending = begin(serial, SpoolPaths.map(path));
                InputStream in = Files.newInputStream(source)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                pending.write(ByteBuffer.wrap(buffer, 0, n));
            }
            return pending.commit();
        } catch (IOException e) {
            throw new IOException("importing file into spool failed [serial=" + serial + ", source=" + source + "]", e);
        }
    }

    /**
     * Starts a file of {@code serial} at {@code name}: its bytes go to a temporary file as they arrive, and
     * {@link PendingFile#commit} makes it durable and visible. Closing it uncommitted removes the temporary file.
     *
     * @throws IllegalArgumentException when the serial is unsafe
     */
    PendingFile begin(String serial, SpoolName name) throws IOException {
        Path target = target(serial, name.spoolPath());
        Path part = newPart();
        return new PendingFile(
                serial,
                name,
                target,
                part,
                FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    @Override
    public String devicePath(String serial, String spoolPath) {
        Path file = deviceDirectory(serial).resolve(spoolPath);
        Path sidecar = sidecar(file);
        if (Files.exists(sidecar)) {
            try {
                return Files.readString(sidecar, StandardCharsets.UTF_8);
            } catch (IOException e) {
                LOG.warn("reading the device name of a spooled file failed [serial={}, path={}]", serial, spoolPath, e);
            }
        }
        return spoolPath;
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

    private Path target(String serial, String spoolPath) {
        Path device = deviceDirectory(serial);
        Path target = device.resolve(spoolPath).normalize();
        if (!target.startsWith(device)) {
            throw new IllegalArgumentException(
                    "file path rejected: leaves the device directory [path=" + spoolPath + "]");
        }
        return target;
    }

    private Path newPart() {
        return incoming.resolve(node + NODE_END + sequence.incrementAndGet() + PART);
    }

    /** Where the device name of a file with a shortened path is kept: a hidden file beside it. */
    static Path sidecar(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".name");
    }

    private SpooledFile publish(PendingFile p) throws IOException {
        Path dir = p.target.getParent();
        try {
            createDirectories(dir);
            if (p.name.isShortened()) {
                Path namePart = newPart();
                writeDurably(namePart, p.name.devicePath().getBytes(StandardCharsets.UTF_8));
                Files.move(
                        namePart,
                        sidecar(p.target),
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(p.part, p.target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(dir);
        } catch (IOException e) {
            throw new IOException(
                    "moving file into spool failed [serial=" + p.serial + ", path=" + p.name.devicePath() + "]", e);
        }
        SpooledFile file = new SpooledFile(p.serial, p.name.spoolPath(), p.target, p.size, p.name.devicePath());
        if (p.isCopyShared) {
            shared.put(file);
        }
        for (SpoolListener l : listeners) {
            try {
                l.spooled(file);
            } catch (RuntimeException e) {
                LOG.error("spool listener failed [serial={}, path={}]", p.serial, p.name.devicePath(), e);
            }
        }
        return file;
    }

    private static void writeDurably(Path file, byte[] data) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
    }

    /** A file being received: written to its temporary file, then committed or removed on close. */
    final class PendingFile implements AutoCloseable {

        private final String serial;
        private final SpoolName name;
        private final Path target;
        private final Path part;
        private final FileChannel channel;
        private long size;
        private boolean isCommitted;
        private boolean isCopyShared = true;

        private PendingFile(String serial, SpoolName name, Path target, Path part, FileChannel channel) {
            this.serial = serial;
            this.name = name;
            this.target = target;
            this.part = part;
            this.channel = channel;
        }

        /** Appends every remaining byte of {@code bytes}. */
        void write(ByteBuffer bytes) throws IOException {
            try {
                while (bytes.hasRemaining()) {
                    size += channel.write(bytes);
                }
            } catch (IOException e) {
                throw new IOException(
                        "writing spool file failed [serial=" + serial + ", path=" + name.devicePath() + "]", e);
            }
        }

        /** Forces the bytes to disk, moves the file into place, forces its directory and tells the listeners. */
        SpooledFile commit() throws IOException {
            try {
                channel.force(true);
            } catch (IOException e) {
                throw new IOException(
                        "writing spool file failed [serial=" + serial + ", path=" + name.devicePath() + "]", e);
            } finally {
                channel.close();
            }
            SpooledFile file = publish(this);
            isCommitted = true;
            return file;
        }

        @Override
        public void close() throws IOException {
            channel.close();
            if (!isCommitted) {
                Files.deleteIfExists(part);
            }
        }
    }

    /** Creates missing directories, forcing each parent so the new entries survive a crash. */
    private void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
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
