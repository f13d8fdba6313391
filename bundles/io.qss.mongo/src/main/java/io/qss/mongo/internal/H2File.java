// SPDX-License-Identifier: Apache-2.0
package io.qss.mongo.internal;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.qss.core.log.LogThrottle;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 file behind the embedded server, reopened from disk when a failed write has closed it.
 *
 * <p>H2 closes its store for good after any failed file write (a full disk, say): every later read or write fails
 * with "This store is closed". What is on disk is intact up to the last commit that succeeded, and every write the
 * server acknowledged was committed and synced before its reply, so opening the file again loses nothing
 * acknowledged. Thread-safe: commands run on the {@link Handle} they got; a reopen swaps in a new one.
 */
final class H2File implements AutoCloseable {

    /** One opening of the file: the store and the backend serving from it. */
    record Handle(MVStore store, H2Backend backend) {

        /** Writes every applied change to the file and forces it to disk; fails if this opening is broken. */
        void makeDurable() {
            store.commit();
            store.sync();
            if (store.isClosed()) {
                throw new IllegalStateException(
                        "the embedded MongoDB file was closed by a failed write", store.getPanicException());
            }
        }

        boolean isBroken() {
            return store.isClosed();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(H2File.class);
    private static final long REOPEN_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path file;
    private final LongSupplier nanoClock;
    /** While the disk stays full, each write closes the file again and each next command reopens it. */
    private final LogThrottle reopenLog = LogThrottle.oncePer(Duration.ofMinutes(1));

    private volatile Handle current;
    private volatile int reopens;
    private volatile boolean isClosing;
    private long lastAttemptNanos;

    private H2File(Path file, Handle handle, LongSupplier nanoClock) {
        this.file = file;
        this.current = handle;
        this.nanoClock = nanoClock;
    }

    /** Opens (or creates) the file. */
    static H2File open(Path file) throws IOException {
        return new H2File(file, openHandle(file), System::nanoTime);
    }

    private static Handle openHandle(Path file) throws IOException {
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).compress().open();
        } catch (RuntimeException e) {
            throw new IOException("embedded MongoDB file could not be opened [file=" + file + "]", e);
        }
        try {
            return new Handle(store, new H2Backend(store));
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw new IOException("embedded MongoDB file could not be read [file=" + file + "]", e);
        }
    }

    Path file() {
        return file;
    }

    /** How often the file was reopened after a failed write. */
    int reopens() {
        return reopens;
    }

    /**
     * The opening to run the next command on: the current one, or a fresh one from disk when the current one was
     * closed by a failed write.
     *
     * @throws IllegalStateException when the file cannot be reopened yet (tried at most once a second)
     */
    Handle handle() {
        Handle handle = current;
        return handle.isBroken() && !isClosing ? reopen(handle) : handle;
    }

    private synchronized Handle reopen(Handle broken) {
        if (current != broken) {
            return current;
        }
        long now = nanoClock.getAsLong();
        if (lastAttemptNanos != 0 && now - lastAttemptNanos < REOPEN_PAUSE_NANOS) {
            throw new IllegalStateException(
                    "the embedded MongoDB file is closed after a failed write; reopening it" + " again shortly [file="
                            + file + "]",
                    broken.store().getPanicException());
        }
        lastAttemptNanos = now;
        closeQuietly(broken);
        try {
            current = openHandle(file);
        } catch (IOException e) {
            throw new IllegalStateException("reopening the embedded MongoDB file failed [file=" + file + "]", e);
        }
        reopens++;
        long occurrences = reopenLog.occurred();
        if (occurrences > 0) {
            LOG.warn(
                    "embedded MongoDB file reopened after a failed write [file={}, reopens={}, occurrences={}]",
                    file,
                    reopens,
                    occurrences);
        }
        return current;
    }

    private static void closeQuietly(Handle handle) {
        try {
            handle.backend().close();
        } catch (RuntimeException e) {
            LOG.debug("closing the broken opening of the embedded MongoDB file failed", e);
        }
    }

    /** Closes the file cleanly (a full commit); an opening already broken by a failed write is just released. */
    @Override
    public void close() {
        isClosing = true;
        Handle handle = current;
        if (handle.isBroken()) {
            closeQuietly(handle);
        } else {
            handle.backend().close();
        }
    }
}
