// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.WritableObject;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An object open for pipelined writing: each {@link #write} starts an asynchronous RADOS write and returns; at most
 * {@code writesInFlight} are outstanding before a write waits for the oldest. Until a write completes its bytes stay
 * here, and {@link #read} lays them over what the OSD returns, so reads see every write that returned. A RADOS write
 * is durable once acknowledged, so {@link #sync} only waits for the writes that were in flight when it was called.
 *
 * <p>A write the cluster did not take because it was unreachable ({@code UNAVAILABLE}, e.g. the op timeout while an
 * OSD was down) is kept with its bytes: each later write, sync or truncate first sends the kept writes again, one
 * by one, and throws while the cluster still does not take them; once they are committed the object is usable
 * again, so a store rides out an outage without reopening anything. Sending the same bytes to the same offset again
 * is harmless if the first attempt landed after all (the store never has two writes of one range in flight). Any
 * other failure poisons the object: every later call throws it (the caller reopens the object and finds the valid
 * end as after a crash). Thread-safe: the writes in flight and the kept ones are guarded by {@code this}.
 */
final class RadosWritable implements WritableObject {

    private final RadosIo io;
    private final String name;
    private final RadosSettings settings;
    private final Runnable onClose;
    private final Deque<PendingWrite> inFlight = new ArrayDeque<>();
    /** Writes that failed as UNAVAILABLE, in the order they failed: sent again before anything else. */
    private final List<PendingWrite> toResend = new ArrayList<>();

    private long length;
    private StoreException failure;
    /** Whether {@link #failure} is one that sending the kept writes again cannot cure. */
    private boolean isPoisoned;

    private boolean isClosed;

    RadosWritable(RadosIo io, String name, long length, RadosSettings settings, Runnable onClose) {
        this.io = io;
        this.name = name;
        this.length = length;
        this.settings = settings;
        this.onClose = onClose;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(long position, ByteBuffer bytes) throws StoreException {
        int count = bytes.remaining();
        synchronized (this) {
            checkUsable();
            if (position < 0 || position > length) {
                throw new IllegalArgumentException("write would leave a hole [object=" + name + ", position=" + position
                        + ", length=" + length + "]");
            }
            if (position + count > settings.maxObjectBytes()) {
                throw new StoreException(
                        ErrorCode.IO_ERROR,
                        "writing an object failed: larger than the object size limit [" + io.where(name)
                                + ", end=" + (position + count) + ", maxObjectBytes=" + settings.maxObjectBytes()
                                + "]");
            }
            inFlight.addLast(io.writeAsync(name, position, bytes));
            length = Math.max(length, position + count);
        }
        bytes.position(bytes.limit());
        while (true) {
            PendingWrite oldest;
            synchronized (this) {
                if (inFlight.size() <= settings.writesInFlight()) {
                    return;
                }
                oldest = inFlight.peekFirst();
            }
            finish(oldest);
        }
    }

    @Override
    public void sync() throws StoreException {
        List<PendingWrite> earlier;
        synchronized (this) {
            checkUsable();
            earlier = List.copyOf(inFlight);
        }
        for (PendingWrite write : earlier) {
            finish(write);
        }
        synchronized (this) {
            // a write that failed just now is not sent again at once: the caller hears of it within the op timeout
            throwIfFailed();
        }
    }

    @Override
    public void truncate(long newLength) throws StoreException {
        sync();
        synchronized (this) {
            io.truncate(name, newLength);
            length = newLength;
        }
    }

    @Override
    public synchronized long length() {
        return length;
    }

    /**
     * Reads like {@link RadosIo#read}, with the bytes of writes still in flight laid over; the result never goes
     * past {@link #length()}.
     */
    int read(long position, byte[] into, int offset, int count) throws StoreException {
        List<PendingWrite> pending;
        long end;
        synchronized (this) {
            // taken before the OSD read, so a write that completes meanwhile is still laid over (same bytes)
            pending = new ArrayList<>(toResend);
            pending.addAll(inFlight);
            end = length;
        }
        int wanted = (int) Math.max(0, Math.min(count, end - position));
        if (wanted == 0) {
            return 0;
        }
        long got = Math.max(0, io.read(name, position, into, offset, wanted));
        for (PendingWrite write : pending) {
            long copiedEnd = write.copyOver(position, into, offset, wanted);
            got = Math.max(got, copiedEnd - position);
        }
        return (int) got;
    }

    @Override
    public void close() throws StoreException {
        List<PendingWrite> all;
        synchronized (this) {
            if (isClosed) {
                return;
            }
            isClosed = true;
            all = List.copyOf(inFlight);
        }
        try {
            for (PendingWrite write : all) {
                finish(write);
            }
            synchronized (this) {
                if (failure != null) {
                    throw failure;
                }
            }
        } finally {
            onClose.run();
        }
    }

    private void finish(PendingWrite write) {
        int rc = write.await();
        synchronized (this) {
            inFlight.remove(write);
            if (rc < 0) {
                failed(write, rc);
            }
        }
    }

    /** Records a failed write: kept to be sent again when the cluster was only unreachable, else poisoning. */
    private void failed(PendingWrite write, int rc) {
        if (RadosErrors.isUnavailable(rc)) {
            toResend.add(write);
        } else {
            isPoisoned = true;
        }
        if (failure == null || !RadosErrors.isUnavailable(rc)) {
            failure = RadosErrors.failure(
                    "writing an object failed", io.where(name) + ", offset=" + write.position(), rc);
        }
    }

    /**
     * Sends the kept writes again, one at a time in their order, waiting for each; clears the failure once all are
     * committed. Stops at the first that fails again (then the failure says why).
     */
    private void resendKeptWrites() {
        while (!toResend.isEmpty()) {
            PendingWrite kept = toResend.get(0);
            int rc;
            try {
                rc = io.writeAsync(name, kept.position(), kept.bytes()).await();
            } catch (StoreException e) {
                failure = e;
                return;
            }
            if (rc < 0) {
                failure = RadosErrors.failure(
                        "writing an object failed", io.where(name) + ", offset=" + kept.position(), rc);
                isPoisoned = !RadosErrors.isUnavailable(rc);
                return;
            }
            toResend.remove(0);
        }
        failure = null;
    }

    private void checkUsable() throws StoreException {
        if (failure != null && !isPoisoned) {
            resendKeptWrites();
        }
        throwIfFailed();
    }

    private void throwIfFailed() throws StoreException {
        if (failure != null) {
            throw new StoreException(failure.code(), failure.getMessage(), failure);
        }
        if (isClosed) {
            throw new IllegalStateException("object closed [" + io.where(name) + "]");
        }
    }
}
