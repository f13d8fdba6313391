// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which buffers a committer round commits: those due by age (spread per stream, see {@link Maintenance#commitAge}),
 * those holding {@code commitMaxPoints}, and, while the buffers use more than {@value #TIGHT_PERCENT} % of the
 * budget or an insert waits for room, the largest others (the oldest first among equals) until what stays buffered
 * is at most {@value #RELIEVED_PERCENT} % of it. Committing the largest frees the most memory per commit and gives
 * the fewest, fullest leaves. Largest first in the result, so the first groups free the most. The due and full
 * buffers come from the {@link CommitQueue}, so a round with room in the budget looks only at those, not at every
 * stream; only a tight budget walks them all. Stateless.
 */
final class CommitPicker {

    static final int TIGHT_PERCENT = 75;
    static final int RELIEVED_PERCENT = 50;

    /** Sorted on the head seen once: a stream's live head may change during the sort. */
    private record Candidate(StreamState stream, Head head) {}

    private static final Comparator<Candidate> LARGEST_THEN_OLDEST = Comparator.comparingLong(
                    (Candidate c) -> -c.head.pendingBytes)
            .thenComparingLong(c -> c.head.firstPendingNanos);

    private CommitPicker() {}

    /**
     * Takes the due and full streams out of {@code queue} (putting back those not due after all) and adds the largest
     * of {@code all} while the budget is tight. The caller puts what it picked back with {@link CommitQueue#requeue}
     * once the round is done, so that a buffer the round could not commit stays queued.
     */
    static List<StreamState> pick(
            CommitQueue queue, Collection<StreamState> all, long nowNanos, StoreOptions options, BufferBudget budget) {
        Set<StreamState> chosen = new HashSet<>();
        List<Candidate> picked = new ArrayList<>();
        long freed = 0;
        for (StreamState s : queue.takeFull()) {
            Head h = s.head;
            if (!h.pending.isEmpty() && chosen.add(s)) {
                picked.add(new Candidate(s, h));
                freed += h.pendingBytes;
            }
        }
        for (StreamState s : queue.takeDue(nowNanos)) {
            Head h = s.head;
            if (h.pending.isEmpty() || chosen.contains(s)) {
                continue;
            }
            if (h.pendingPoints >= options.commitMaxPoints() || queue.dueNanos(s, h) <= nowNanos) {
                chosen.add(s);
                picked.add(new Candidate(s, h));
                freed += h.pendingBytes;
            } else {
                queue.add(s, queue.dueNanos(s, h)); // its buffer restarted after it was queued
            }
        }
        long limit = budget.limit();
        long buffered = budget.buffered();
        if (buffered > limit / 100 * TIGHT_PERCENT || budget.waiting() > 0) {
            freed = addLargest(all, chosen, picked, buffered - freed, limit / 100 * RELIEVED_PERCENT);
        }
        picked.sort(LARGEST_THEN_OLDEST);
        return picked.stream().map(Candidate::stream).toList();
    }

    /** Adds the largest buffers not chosen yet until {@code buffered} is down to {@code relieved}. */
    private static long addLargest(
            Collection<StreamState> all,
            Set<StreamState> chosen,
            List<Candidate> picked,
            long buffered,
            long relieved) {
        List<Candidate> others = new ArrayList<>();
        for (StreamState s : all) {
            Head h = s.head;
            if (!h.pending.isEmpty() && !chosen.contains(s)) {
                others.add(new Candidate(s, h));
            }
        }
        others.sort(LARGEST_THEN_OLDEST);
        long left = buffered;
        for (Candidate c : others) {
            if (left <= relieved) {
                break;
            }
            picked.add(c);
            left -= c.head.pendingBytes;
        }
        return left;
    }
}
