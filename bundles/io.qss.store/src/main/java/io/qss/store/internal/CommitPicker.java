// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which buffers a committer round commits: those due by age (spread per stream, see {@link Maintenance#commitAge}),
 * those holding {@code commitMaxPoints}, and, while the buffers use more than {@value #TIGHT_PERCENT} % of the
 * budget or an insert waits for room, the largest others (the oldest first among equals) until what stays buffered
 * is at most {@value #RELIEVED_PERCENT} % of it. Committing the largest frees the most memory per commit and gives
 * the fewest, fullest leaves. Largest first in the result, so the first groups free the most. Stateless.
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

    static List<StreamState> pick(
            Collection<StreamState> streams, long nowNanos, StoreOptions options, BufferBudget budget) {
        long maxAge = TimeUnit.MILLISECONDS.toNanos(options.commitMaxAgeMillis());
        List<Candidate> picked = new ArrayList<>();
        List<Candidate> others = new ArrayList<>();
        long freed = 0;
        for (StreamState s : streams) {
            Head h = s.head;
            if (h.pending.isEmpty()) {
                continue;
            }
            if (h.pendingPoints >= options.commitMaxPoints()
                    || nowNanos - h.firstPendingNanos >= Maintenance.commitAge(s.uuid, maxAge)) {
                picked.add(new Candidate(s, h));
                freed += h.pendingBytes;
            } else {
                others.add(new Candidate(s, h));
            }
        }
        long limit = budget.limit();
        long buffered = budget.buffered();
        if (buffered > limit / 100 * TIGHT_PERCENT || budget.waiting() > 0) {
            others.sort(LARGEST_THEN_OLDEST);
            long relieved = limit / 100 * RELIEVED_PERCENT;
            for (Candidate c : others) {
                if (buffered - freed <= relieved) {
                    break;
                }
                picked.add(c);
                freed += c.head.pendingBytes;
            }
        }
        picked.sort(LARGEST_THEN_OLDEST);
        return picked.stream().map(Candidate::stream).toList();
    }
}
