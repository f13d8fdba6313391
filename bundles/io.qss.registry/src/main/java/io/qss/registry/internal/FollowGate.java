// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import io.qss.registry.RegistryException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Decides for each reading of the registry's follower whether the saved devices need reading: only when the marker
 * ({@link ChangeMarker}) differs from the one read before the last reading that was adopted, when there is no
 * marker (a database of an older qss), when nothing was read yet, or when the last reading is {@code full} or longer
 * ago, so that edits made by hand in MongoDB, which leave the marker alone, are seen too. Thread-safe.
 */
final class FollowGate {

    /** Reads the marker; {@link ChangeMarker#read} in production. */
    interface MarkerSource {
        Optional<ChangeMarker.Mark> read() throws RegistryException;
    }

    /**
     * One reading: the marker as read before the devices, when the reading began and whether the devices need
     * reading.
     */
    record Round(Optional<ChangeMarker.Mark> mark, long startedNanos, boolean isReadNeeded) {}

    private final MarkerSource marker;
    private final long fullNanos;
    private final LongSupplier nanoTime;
    private boolean hasRead;
    private Optional<ChangeMarker.Mark> seen = Optional.empty();
    private long lastReadNanos;

    /**
     * @param marker where the marker is read
     * @param full the longest time between two readings of the devices; zero reads them only when the marker changed
     * @param nanoTime the monotonic clock, {@link System#nanoTime} in production
     */
    FollowGate(MarkerSource marker, Duration full, LongSupplier nanoTime) {
        this.marker = marker;
        this.fullNanos = full.toNanos();
        this.nanoTime = nanoTime;
    }

    /** A gate that has the devices read every time (no marker). */
    static FollowGate always() {
        return new FollowGate(Optional::empty, Duration.ZERO, System::nanoTime);
    }

    /** Reads the marker, before the devices: a write after this raises the marker past the one kept. */
    Round begin() throws RegistryException {
        long now = nanoTime.getAsLong();
        Optional<ChangeMarker.Mark> mark = marker.read();
        synchronized (this) {
            boolean isFullDue = fullNanos > 0 && now - lastReadNanos >= fullNanos;
            return new Round(mark, now, !hasRead || mark.isEmpty() || !mark.equals(seen) || isFullDue);
        }
    }

    /**
     * Keeps the round's marker as seen: call once the devices read in {@code round} were adopted, not when the round
     * was dropped (a write of this node overlapped it), since what was read then is not known here yet.
     */
    synchronized void adopted(Round round) {
        hasRead = true;
        seen = round.mark();
        lastReadNanos = round.startedNanos();
    }
}
