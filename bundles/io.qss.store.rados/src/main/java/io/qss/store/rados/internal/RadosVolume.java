// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.VolumeSpace;
import io.qss.store.api.spi.WritableObject;
import io.qss.store.api.spi.WriterLease;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's objects as RADOS objects in one namespace of the configured pool: an object name is the RADOS object
 * name. Objects of the backend itself (the lease object, probes) start with {@code #}, which store names never do,
 * and are left out of {@link #list}.
 *
 * <p>Thread-safe. Owns its {@link RadosIo}; the {@link RadosClient} belongs to whoever opened the volume, except
 * for {@link #connect}, whose volume disconnects its own client when closed.
 */
public final class RadosVolume implements StoreVolume {

    private static final Logger LOG = LoggerFactory.getLogger(RadosVolume.class);
    private static final String INTERNAL_PREFIX = "#";
    private static final int READ_CHUNK = 4 << 20;

    private final RadosClient client;
    private final RadosIo io;
    private final Map<String, RadosWritable> writables = new ConcurrentHashMap<>();
    private final AtomicBoolean isClosed = new AtomicBoolean();
    private volatile RadosWriterLease lease;

    private final Consumer<RadosVolume> onClose;

    private RadosVolume(RadosClient client, RadosIo io, Consumer<RadosVolume> onClose) {
        this.client = client;
        this.io = io;
        this.onClose = onClose;
    }

    /** Opens the store at {@code location} (a namespace); nothing is written until objects are. */
    public static RadosVolume open(RadosClient client, String location) throws StoreException {
        return open(client, location, volume -> {});
    }

    /** Opens the store at {@code location}; {@code onClose} gets the volume once it is closed. */
    static RadosVolume open(RadosClient client, String location, Consumer<RadosVolume> onClose) throws StoreException {
        checkLocation(location);
        return new RadosVolume(client, client.open(location), onClose);
    }

    private static void checkLocation(String location) {
        if (location == null || location.isEmpty() || location.startsWith(INTERNAL_PREFIX)) {
            throw new IllegalArgumentException("location must be a non-empty namespace [location=" + location + "]");
        }
    }

    /** Connects a client of its own and opens the store at {@code location}; closing the volume disconnects. */
    public static RadosVolume connect(RadosSettings settings, String location) throws StoreException {
        checkLocation(location);
        RadosClient client = RadosClient.connect(settings);
        try {
            return new RadosVolume(client, client.open(location), volume -> client.close());
        } catch (StoreException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public String describe() {
        return io.where();
    }

    @Override
    public List<String> list(String prefix) throws StoreException {
        return io.listAll().stream()
                .filter(name -> name.startsWith(prefix) && !name.startsWith(INTERNAL_PREFIX))
                .sorted()
                .toList();
    }

    @Override
    public long length(String name) throws StoreException {
        RadosWritable open = writables.get(name);
        return open != null ? open.length() : io.length(name);
    }

    @Override
    public int read(String name, long position, byte[] into, int offset, int length) throws StoreException {
        RadosWritable open = writables.get(name);
        if (open != null) {
            return open.read(position, into, offset, length);
        }
        return io.read(name, position, into, offset, length);
    }

    @Override
    public byte[] readAll(String name) throws StoreException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        byte[] chunk = new byte[READ_CHUNK];
        long position = 0;
        while (true) {
            int count = read(name, position, chunk, 0, chunk.length);
            if (count < 0) {
                return null;
            }
            content.write(chunk, 0, count);
            position += count;
            if (count < chunk.length) {
                return content.toByteArray();
            }
        }
    }

    @Override
    public WritableObject openWritable(String name, long validEnd) throws StoreException {
        checkName(name);
        long length = io.length(name);
        if (length < 0) {
            // an empty full write creates the object durably
            io.writeFull(name, new byte[0]);
            length = 0;
        } else if (length > validEnd) {
            io.truncate(name, validEnd);
            length = validEnd;
        }
        RadosWritable writable = new RadosWritable(io, name, length, client.settings(), () -> writables.remove(name));
        if (writables.putIfAbsent(name, writable) != null) {
            throw new IllegalStateException("object already open for writing [" + io.where(name) + "]");
        }
        return writable;
    }

    @Override
    public void replace(String name, byte[] content) throws StoreException {
        checkName(name);
        if (content.length > client.settings().maxObjectBytes()) {
            throw new StoreException(
                    ErrorCode.IO_ERROR,
                    "replacing an object failed: larger than the object size limit [" + io.where(name) + ", bytes="
                            + content.length + ", maxObjectBytes="
                            + client.settings().maxObjectBytes() + "]");
        }
        io.writeFull(name, content);
    }

    @Override
    public void delete(String name) throws StoreException {
        io.remove(name);
    }

    @Override
    public synchronized WriterLease acquireWriter(String holder) throws StoreException {
        RadosWriterLease taken =
                RadosWriterLease.acquire(io, holder, client.settings().leaseSeconds());
        lease = taken;
        return taken;
    }

    @Override
    public long maxObjectBytes() {
        return client.settings().maxObjectBytes();
    }

    @Override
    public VolumeSpace space() throws StoreException {
        return client.space();
    }

    @Override
    public void probeWrite() throws StoreException {
        String probe = INTERNAL_PREFIX + "probe-" + UUID.randomUUID();
        io.write(probe, 0, ByteBuffer.wrap(new byte[] {1}));
        io.remove(probe);
    }

    /** Closes objects still open and releases the writer lease if this volume holds it. */
    @Override
    public void close() {
        if (!isClosed.compareAndSet(false, true)) {
            return;
        }
        for (RadosWritable writable : List.copyOf(writables.values())) {
            try {
                writable.close();
            } catch (StoreException e) {
                // the writer reopens and finds the valid end after a failed write, as after a crash
                LOG.warn("Closing an object left open failed [{}]", e.getMessage());
            }
        }
        RadosWriterLease held = lease;
        if (held != null) {
            try {
                held.close();
            } catch (StoreException e) {
                // it expires on the OSD after its duration
                LOG.warn("Releasing the writer lease failed; it expires by itself [{}]", e.getMessage());
            }
        }
        io.close();
        onClose.accept(this);
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.startsWith(INTERNAL_PREFIX)) {
            throw new IllegalArgumentException("invalid object name [" + io.where(name) + "]");
        }
    }
}
