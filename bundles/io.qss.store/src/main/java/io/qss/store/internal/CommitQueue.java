// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The streams with buffered points, by the time their buffer falls due ({@link Maintenance#commitAge} after its
 * first point), plus those whose buffer filled: what a committer round looks at instead of every stream (tens of
 * thousands with a fleet of live devices, most of them far from due). A stream enters when its buffer goes from
 * empty to holding points, and is taken out when its due time has come; what was taken and is still buffered after
 * the round goes back in ({@link #requeue}). An entry may be early (a commit by someone else reset the buffer's
 * age) but never late: the round checks the stream's head and puts an early one back at its real due time.
 * Thread-safe.
 */
final class CommitQueue {

    private record Entry(long dueNanos, StreamState stream) {}

    private static final Comparator<Entry> BY_DUE = Comparator.comparingLong(Entry::dueNanos);

    private final long maxAgeNanos;
    /** Guarded by this; each stream at most once (its {@link StreamState#isQueued} flag, guarded by this too). */
    private final PriorityQueue<Entry> byDue = new PriorityQueue<>(BY_DUE);

    private final Set<StreamState> full = ConcurrentHashMap.newKeySet();

    CommitQueue(long maxAgeNanos) {
        this.maxAgeNanos = maxAgeNanos;
    }

    /** A queue for the commit age of {@code options}. */
    static CommitQueue of(StoreOptions options) {
        return new CommitQueue(TimeUnit.MILLISECONDS.toNanos(options.commitMaxAgeMillis()));
    }

    /** When the buffer of {@code head} falls due; only for a head with buffered points. */
    long dueNanos(StreamState s, Head head) {
        return head.firstPendingNanos + Maintenance.commitAge(s.uuid, maxAgeNanos);
    }

    /**
     * Queues a stream whose buffer just started (or still holds points after a round) unless it is queued already:
     * a queued entry is never later than the buffer's due time, since a buffer's age only restarts later.
     */
    synchronized void add(StreamState s, long dueNanos) {
        if (!s.isQueued) {
            s.isQueued = true;
            byDue.add(new Entry(dueNanos, s));
        }
    }

    /** Marks a stream whose buffer holds the most points a commit may wait for; cheap, any thread. */
    void full(StreamState s) {
        full.add(s);
    }

    /** Takes out the streams marked full since the last call. */
    List<StreamState> takeFull() {
        List<StreamState> out = new ArrayList<>(full.size());
        for (StreamState s : full) {
            if (full.remove(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Takes out the streams whose entries are due by {@code nowNanos}, earliest first. */
    synchronized List<StreamState> takeDue(long nowNanos) {
        List<StreamState> out = new ArrayList<>();
        Entry e;
        while ((e = byDue.peek()) != null && e.dueNanos <= nowNanos) {
            byDue.poll();
            e.stream.isQueued = false;
            out.add(e.stream);
        }
        return out;
    }

    /** Puts back the streams a round took out that still hold buffered points (a busy lock, a failed commit). */
    void requeue(List<StreamState> taken) {
        for (StreamState s : taken) {
            Head h = s.head;
            if (!h.pending.isEmpty() && !s.obliterated) {
                add(s, dueNanos(s, h));
            }
        }
    }

    /** Streams queued by due time (for tests and figures). */
    synchronized int size() {
        return byDue.size();
    }
}
