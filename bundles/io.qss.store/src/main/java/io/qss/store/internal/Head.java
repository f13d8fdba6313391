// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.internal.io.MetaRecord.Superblock;
import io.qss.store.internal.tree.Core;
import java.util.List;

/**
 * A stream's latest state as readers see it: the last commit plus buffered batches. Immutable except for the
 * lazily built overlay (the committed tree with the buffer applied, in memory), which any reader may compute; a
 * race only computes the same tree twice.
 */
final class Head {

    final Superblock committed;
    final PendingBatches pending;
    final long pendingPoints;
    /** The heap of the buffered batches as the {@link BufferBudget} counts it. */
    final long pendingBytes;

    final long firstPendingNanos;
    volatile Core overlay;

    Head(Superblock committed, PendingBatches pending, long pendingPoints, long pendingBytes, long firstPendingNanos) {
        this.committed = committed;
        this.pending = pending;
        this.pendingPoints = pendingPoints;
        this.pendingBytes = pendingBytes;
        this.firstPendingNanos = firstPendingNanos;
    }

    static Head committed(Superblock sb) {
        return new Head(sb, PendingBatches.EMPTY, 0, 0, 0);
    }

    Head with(Batch batch, long nowNanos) {
        return new Head(
                committed,
                pending.with(batch),
                pendingPoints + batch.size(),
                pendingBytes + BufferBudget.bytesOf(batch.size()),
                pending.isEmpty() ? nowNanos : firstPendingNanos);
    }

    /** This head once {@code sb} holds its first {@code batches} batches; later batches stay buffered. */
    Head afterCommit(Superblock sb, int batches) {
        if (batches == pending.size()) {
            return committed(sb);
        }
        List<Batch> rest = pending.subList(batches, pending.size());
        long points = 0;
        long bytes = 0;
        for (Batch b : rest) {
            points += b.size();
            bytes += BufferBudget.bytesOf(b.size());
        }
        // the remaining batches arrived while the commit was written: their age is at most that long, so count it from
        // now
        return new Head(sb, PendingBatches.of(rest), points, bytes, System.nanoTime());
    }

    long lastSeq() {
        return pending.isEmpty()
                ? committed.walSeq()
                : pending.get(pending.size() - 1).seq();
    }
}
