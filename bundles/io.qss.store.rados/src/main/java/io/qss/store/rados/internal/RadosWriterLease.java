// SPDX-License-Identifier: Apache-2.0
package io.qss.store.rados.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.StoreException;
import io.qss.store.api.spi.WriterLease;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer lease as an exclusive cls_lock on the volume's lease object, taken for {@code leaseSeconds} and renewed
 * every third of that on a thread of its own. The OSD drops the lock of a holder that stops renewing (a dead
 * process) once the duration has passed, so a standby can take it.
 *
 * <p>Renewals use cls_lock's must-renew flag: a renewal after the lock expired fails instead of silently taking it
 * again, because another process may have written in between. {@link #check} answers from the last renewal: it
 * fails once that started more than two thirds of the duration ago (measured from before the request left, so the
 * OSD's expiry is later still) or a renewal found the lock gone.
 *
 * <p>Thread-safe: the renewal thread publishes through volatile fields.
 */
final class RadosWriterLease implements WriterLease {

    static final String LEASE_OBJECT = "#writer-lease";
    static final String LOCK_NAME = "qss.writer";

    private static final Logger LOG = LoggerFactory.getLogger(RadosWriterLease.class);

    private final RadosIo io;
    private final String holder;
    private final String cookie;
    private final int leaseSeconds;
    private final ScheduledExecutorService renewer;
    private volatile long lastRenewalStartNanos;
    private volatile String lostReason;
    private volatile boolean isClosed;

    private RadosWriterLease(RadosIo io, String holder, String cookie, int leaseSeconds, long takenAtNanos) {
        this.io = io;
        this.holder = holder;
        this.cookie = cookie;
        this.leaseSeconds = leaseSeconds;
        this.lastRenewalStartNanos = takenAtNanos;
        this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "qss-rados-lease " + io.where());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Takes the lease or says who holds it.
     *
     * @throws StoreException {@code UNAVAILABLE} naming the holder when another client holds it
     */
    static RadosWriterLease acquire(RadosIo io, String holder, int leaseSeconds) throws StoreException {
        // the cookie tells holders apart (two volumes of one client too); its first part names the holder
        String cookie = holder + " " + UUID.randomUUID();
        long start = System.nanoTime();
        int rc = io.lockExclusive(LEASE_OBJECT, LOCK_NAME, cookie, "qss writer " + holder, leaseSeconds, (byte) 0);
        if (rc == -RadosErrors.EBUSY || rc == -RadosErrors.EEXIST) {
            throw new StoreException(
                    ErrorCode.UNAVAILABLE,
                    "taking the writer lease failed: another process writes this volume [holder=" + holders(io) + ", "
                            + io.where() + ", leaseSeconds=" + leaseSeconds + "]");
        }
        if (rc < 0) {
            throw RadosErrors.failure("taking the writer lease failed", io.where(LEASE_OBJECT), rc);
        }
        RadosWriterLease lease = new RadosWriterLease(io, holder, cookie, leaseSeconds, start);
        long periodMillis = leaseSeconds * 1000L / 3;
        lease.renewer.scheduleWithFixedDelay(lease::renew, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return lease;
    }

    private static String holders(RadosIo io) {
        try {
            List<String> cookies = io.lockCookies(LEASE_OBJECT, LOCK_NAME);
            return cookies.isEmpty()
                    ? "none"
                    : cookies.stream()
                            .map(c -> c.substring(0, Math.max(0, c.lastIndexOf(' '))))
                            .collect(Collectors.joining(","));
        } catch (StoreException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    @Override
    public String holder() {
        return holder;
    }

    @Override
    public void check() throws StoreException {
        if (isClosed) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "writer lease released [" + where() + "]");
        }
        String lost = lostReason;
        if (lost != null) {
            throw new StoreException(ErrorCode.UNAVAILABLE, "writer lease lost: " + lost + " [" + where() + "]");
        }
        long ageMillis = (System.nanoTime() - lastRenewalStartNanos) / 1_000_000;
        if (ageMillis > leaseSeconds * 2000L / 3) {
            throw new StoreException(
                    ErrorCode.UNAVAILABLE,
                    "writer lease not confirmed: the last renewal is too old [" + where() + ", ageMillis=" + ageMillis
                            + "]");
        }
    }

    /** One renewal; runs on the renewal thread every third of the duration (tests call it directly). */
    void renew() {
        long start = System.nanoTime();
        int rc = io.lockExclusive(
                LEASE_OBJECT, LOCK_NAME, cookie, "qss writer " + holder, leaseSeconds, Librados.LOCK_FLAG_MUST_RENEW);
        if (rc == 0) {
            lastRenewalStartNanos = start;
        } else if (rc == -RadosErrors.ENOENT || rc == -RadosErrors.EBUSY || rc == -RadosErrors.EEXIST) {
            lostReason =
                    "expired or taken over (renewal said " + RadosErrors.describe(rc) + ", holder=" + holders(io) + ")";
            LOG.error("Writer lease lost; writes are refused from now on [{}, error={}]", where(), lostReason);
            renewer.shutdown();
        } else {
            LOG.warn("Renewing the writer lease failed; retrying [{}, error={}]", where(), RadosErrors.describe(rc));
        }
    }

    /** Stops renewing without releasing, as a process that died would (tests). */
    void abandon() {
        renewer.shutdownNow();
    }

    private String where() {
        return "holder=" + holder + ", " + io.where();
    }

    @Override
    public void close() throws StoreException {
        if (isClosed) {
            return;
        }
        isClosed = true;
        renewer.shutdownNow();
        try {
            // a renewal still running uses the I/O context, which the volume destroys after this; the op timeout
            // ends it
            renewer.awaitTermination(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.unlock(LEASE_OBJECT, LOCK_NAME, cookie);
    }
}
