// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.VolumeSpace;
import io.qss.store.api.spi.WritableObject;
import io.qss.store.api.spi.WriterLease;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A volume that notes when a write last became durable: a sync of an object that had been written since its
 * previous sync, an atomic replace, or a probe write. The store's probe skips its own write while the store's
 * writes prove as much (no constant I/O on a busy store). A sync with nothing written counts for nothing: on a
 * backend that does not answer it may still return at once. Everything else passes through. Thread-safe.
 */
final class WriteWatchingVolume implements StoreVolume {

    private final StoreVolume volume;
    /** {@link System#nanoTime} of the last durable write; {@link Long#MIN_VALUE} before the first. */
    private volatile long lastDurableWriteNanos = Long.MIN_VALUE;

    WriteWatchingVolume(StoreVolume volume) {
        this.volume = volume;
    }

    /** Whether a write became durable within the last {@code nanos}. */
    boolean wroteDurablyWithin(long nanos) {
        long last = lastDurableWriteNanos;
        return last != Long.MIN_VALUE && System.nanoTime() - last < nanos;
    }

    private void durableWriteSucceeded() {
        lastDurableWriteNanos = System.nanoTime();
    }

    @Override
    public String describe() {
        return volume.describe();
    }

    @Override
    public List<String> list(String prefix) throws StoreException {
        return volume.list(prefix);
    }

    @Override
    public long length(String name) throws StoreException {
        return volume.length(name);
    }

    @Override
    public int read(String name, long position, byte[] into, int offset, int length) throws StoreException {
        return volume.read(name, position, into, offset, length);
    }

    @Override
    public byte[] readAll(String name) throws StoreException {
        return volume.readAll(name);
    }

    @Override
    public WritableObject openWritable(String name, long validEnd) throws StoreException {
        return new WatchedObject(volume.openWritable(name, validEnd));
    }

    @Override
    public void replace(String name, byte[] content) throws StoreException {
        volume.replace(name, content);
        durableWriteSucceeded();
    }

    @Override
    public void delete(String name) throws StoreException {
        volume.delete(name);
    }

    @Override
    public WriterLease acquireWriter(String holder) throws StoreException {
        return volume.acquireWriter(holder);
    }

    @Override
    public VolumeSpace space() throws StoreException {
        return volume.space();
    }

    @Override
    public long maxObjectBytes() {
        return volume.maxObjectBytes();
    }

    @Override
    public void probeWrite() throws StoreException {
        volume.probeWrite();
        durableWriteSucceeded();
    }

    @Override
    public void close() throws IOException {
        volume.close();
    }

    private final class WatchedObject implements WritableObject {

        private final WritableObject object;
        /** Whether a write returned since the last sync began. */
        private final AtomicBoolean isWritten = new AtomicBoolean();

        WatchedObject(WritableObject object) {
            this.object = object;
        }

        @Override
        public String name() {
            return object.name();
        }

        @Override
        public void write(long position, ByteBuffer bytes) throws StoreException {
            object.write(position, bytes);
            isWritten.set(true);
        }

        @Override
        public void sync() throws StoreException {
            boolean wasWritten = isWritten.getAndSet(false);
            try {
                object.sync();
            } catch (StoreException | RuntimeException e) {
                if (wasWritten) {
                    isWritten.set(true);
                }
                throw e;
            }
            if (wasWritten) {
                durableWriteSucceeded();
            }
        }

        @Override
        public void truncate(long length) throws StoreException {
            object.truncate(length);
        }

        @Override
        public long length() throws StoreException {
            return object.length();
        }

        @Override
        public void close() throws StoreException {
            object.close();
        }
    }
}
