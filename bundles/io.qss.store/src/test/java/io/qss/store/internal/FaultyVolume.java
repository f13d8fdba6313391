// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.StoreVolume;
import io.qss.store.api.spi.WritableObject;
import io.qss.store.api.spi.WriterLease;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A volume that fails on purpose, wrapped around a real one: the store's tests inject a full disk (a write fails
 * before writing), a short write (half the bytes land, then the write fails, as when the disk fills mid-write), a
 * failed fsync, a failed atomic replace, writes that land late or that wait until healed, each for objects whose name starts with a prefix and for a number of
 * calls; or takes the writer lease away, as a shared backend's lease expires. Everything else passes through.
 * Thread-safe.
 */
final class FaultyVolume extends ForwardingVolume {

    /** What goes wrong. */
    enum Fault {
        /** The write fails; nothing is written. */
        NO_SPACE,
        /** The first half of the bytes is written, then the write fails. */
        SHORT_WRITE,
        /** {@link WritableObject#sync} fails; the bytes may or may not be durable. */
        SYNC_FAILS,
        /** {@link StoreVolume#replace} fails; the old content stays. */
        REPLACE_FAILS,
        /**
         * The write lands as zeros and its bytes only at the object's next sync: a backend that completes the writes
         * in flight out of order lets a read meanwhile see a hole where a write has not landed yet.
         */
        LATE_WRITE,
        /** Probe writes fail as {@code UNAVAILABLE} after the operation timeout, as while a cluster is unreachable. */
        NOT_ANSWERING,
        /** The write waits until {@link #heal()}, then lands: a storage that takes its time to answer. */
        STALLS
    }

    private volatile Fault fault;
    private volatile String prefix = "";
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger probes = new AtomicInteger();
    private volatile boolean isLeaseLost;
    private volatile String takenBy;
    private volatile long maxObjectBytes = Long.MAX_VALUE;
    private final CountDownLatch healed = new CountDownLatch(1);

    FaultyVolume(StoreVolume real) {
        super(real);
    }

    /** Injects {@code fault} into the next {@code times} matching calls on objects named {@code prefix...}. */
    void inject(Fault fault, String prefix, int times) {
        this.prefix = prefix;
        this.fault = fault;
        remaining.set(times);
    }

    /** Says objects may hold at most {@code bytes}, as a RADOS volume does. */
    void limitObjects(long bytes) {
        maxObjectBytes = bytes;
    }

    @Override
    public long maxObjectBytes() {
        return maxObjectBytes;
    }

    /** From now on the lease's fencing check fails, as when a shared backend's lease expired. */
    void loseLease() {
        isLeaseLost = true;
    }

    /** From now on the lease's fencing check fails naming {@code newHolder}, as when another process took it over. */
    void loseLeaseTo(String newHolder) {
        takenBy = newHolder;
        isLeaseLost = true;
    }

    /** Stops injecting; stalled writes go on. */
    void heal() {
        remaining.set(0);
        healed.countDown();
    }

    /** How many writes reached the volume so far (failed ones included). */
    int writes() {
        return writes.get();
    }

    /** How many reads reached the volume so far. */
    int reads() {
        return reads.get();
    }

    /** How many probe writes reached the volume so far (failed ones included). */
    int probes() {
        return probes.get();
    }

    /** How many calls failed on purpose so far. */
    int injected() {
        return injected.get();
    }

    private boolean strikes(Fault kind, String name) {
        if (fault != kind || !name.startsWith(prefix)) {
            return false;
        }
        if (remaining.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
            return false;
        }
        injected.incrementAndGet();
        return true;
    }

    private static StoreException failure(String what, String name) {
        return new StoreException(
                ErrorCode.IO_ERROR, what + " failed [object=" + name + ", error=No space left on device (injected)]");
    }

    @Override
    public String describe() {
        return "faulty " + super.describe();
    }

    @Override
    public int read(String name, long position, byte[] into, int offset, int length) throws StoreException {
        reads.incrementAndGet();
        return super.read(name, position, into, offset, length);
    }

    @Override
    public WritableObject openWritable(String name, long validEnd) throws StoreException {
        return new FaultyObject(super.openWritable(name, validEnd));
    }

    @Override
    public void replace(String name, byte[] content) throws StoreException {
        if (strikes(Fault.REPLACE_FAILS, name)) {
            throw failure("replacing object", name);
        }
        super.replace(name, content);
    }

    @Override
    public WriterLease acquireWriter(String holder) throws StoreException {
        WriterLease lease = super.acquireWriter(holder);
        return new WriterLease() {
            @Override
            public String holder() {
                return lease.holder();
            }

            @Override
            public void check() throws StoreException {
                if (isLeaseLost) {
                    throw new StoreException(
                            ErrorCode.UNAVAILABLE,
                            takenBy == null
                                    ? "writer lease lost [holder=" + holder + "]"
                                    : "writer lease lost: taken over (holder=" + takenBy + ") [" + describe() + "]");
                }
                lease.check();
            }

            @Override
            public void close() throws StoreException {
                lease.close();
            }
        };
    }

    @Override
    public void probeWrite() throws StoreException {
        probes.incrementAndGet();
        if (fault == Fault.NO_SPACE && remaining.get() > 0) {
            throw failure("probe write", "probe");
        }
        if (fault == Fault.NOT_ANSWERING && remaining.get() > 0) {
            throw new StoreException(
                    ErrorCode.UNAVAILABLE,
                    "probe write failed [object=probe, error=Connection timed out (ETIMEDOUT), injected]");
        }
        super.probeWrite();
    }

    private final class FaultyObject extends ForwardingObject {

        /** Writes that landed as zeros so far, with their bytes: they land at the next sync. */
        private final List<Map.Entry<Long, ByteBuffer>> late = new ArrayList<>();

        FaultyObject(WritableObject object) {
            super(object);
        }

        @Override
        public void write(long position, ByteBuffer bytes) throws StoreException {
            writes.incrementAndGet();
            if (strikes(Fault.STALLS, name())) {
                awaitHealed();
            }
            if (strikes(Fault.NO_SPACE, name())) {
                throw failure("writing object", name());
            }
            if (strikes(Fault.LATE_WRITE, name())) {
                ByteBuffer copy = ByteBuffer.allocate(bytes.remaining())
                        .put(bytes.duplicate())
                        .flip();
                super.write(position, ByteBuffer.allocate(copy.remaining()));
                synchronized (late) {
                    late.add(Map.entry(position, copy));
                }
                return;
            }
            if (strikes(Fault.SHORT_WRITE, name())) {
                ByteBuffer half = bytes.duplicate();
                half.limit(half.position() + half.remaining() / 2);
                super.write(position, half);
                throw failure("writing object (short write)", name());
            }
            super.write(position, bytes);
        }

        private void awaitHealed() throws StoreException {
            try {
                healed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(ErrorCode.UNAVAILABLE, "stalled write interrupted [object=" + name() + "]", e);
            }
        }

        @Override
        public void sync() throws StoreException {
            if (strikes(Fault.SYNC_FAILS, name())) {
                throw failure("syncing object", name());
            }
            synchronized (late) {
                for (Map.Entry<Long, ByteBuffer> w : late) {
                    super.write(w.getKey(), w.getValue());
                }
                late.clear();
            }
            super.sync();
        }
    }
}
