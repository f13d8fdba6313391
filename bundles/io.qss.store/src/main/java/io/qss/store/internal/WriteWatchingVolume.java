// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.WritableObject;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A volume that notes when a write last became durable: a sync of an object that had been written since its
 * previous sync, an atomic replace, or a probe write. The store's probe skips its own write while the store's
 * writes prove as much (no constant I/O on a busy store). A sync with nothing written counts for nothing: on a
 * backend that does not answer it may still return at once. Everything else passes through. Thread-safe.
 */
final class WriteWatchingVolume extends ForwardingVolume {

    /** {@link System#nanoTime} of the last durable write; {@link Long#MIN_VALUE} before the first. */
    private volatile long lastDurableWriteNanos = Long.MIN_VALUE;

    WriteWatchingVolume(StoreVolume volume) {
        super(volume);
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
    public WritableObject openWritable(String name, long validEnd) throws StoreException {
        return new WatchedObject(super.openWritable(name, validEnd));
    }

    @Override
    public void replace(String name, byte[] content) throws StoreException {
        super.replace(name, content);
        durableWriteSucceeded();
    }

    @Override
    public void probeWrite() throws StoreException {
        super.probeWrite();
        durableWriteSucceeded();
    }

    private final class WatchedObject extends ForwardingObject {

        /** Whether a write returned since the last sync began. */
        private final AtomicBoolean isWritten = new AtomicBoolean();

        WatchedObject(WritableObject object) {
            super(object);
        }

        @Override
        public void write(long position, ByteBuffer bytes) throws StoreException {
            super.write(position, bytes);
            isWritten.set(true);
        }

        @Override
        public void sync() throws StoreException {
            boolean wasWritten = isWritten.getAndSet(false);
            try {
                super.sync();
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
    }
}
