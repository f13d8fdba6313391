// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.ErrorCode;
import io.qss.store.api.MergePolicy;
import io.qss.store.api.StoreException;
import io.qss.store.api.StreamInfo;
import io.qss.store.internal.io.MetaRecord.Superblock;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One stream in memory. Writers (insert, property changes, the short switch of a commit) hold {@link #writeLock};
 * readers only read the volatile {@link #head} and {@link #info} and the concurrent version map, so they never
 * wait. A commit, delete or obliteration holds {@link #commitLock} (taken before {@link #writeLock}, never after)
 * for its whole tree work and syncs, so inserts keep flowing into the buffer meanwhile.
 */
final class StreamState {

    final UUID uuid;
    private final BufferBudget budget;
    private final CommitQueue queue;
    private final PointBuffer points;
    final ReentrantLock writeLock = new ReentrantLock();
    final ReentrantLock commitLock = new ReentrantLock();
    final ConcurrentSkipListMap<Long, Superblock> versions = new ConcurrentSkipListMap<>();
    volatile StreamInfo info;
    volatile Head head;
    volatile boolean obliterated;
    /** Whether {@link #queue} holds this stream by due time; guarded by the queue. */
    boolean isQueued;

    StreamState(UUID uuid, StreamInfo info, Superblock initial, BufferBudget budget, CommitQueue queue) {
        this.uuid = uuid;
        this.budget = budget;
        this.queue = queue;
        this.points = new PointBuffer(budget.pages());
        this.info = info;
        this.head = Head.committed(initial);
        versions.put(initial.version(), initial);
    }

    /** Fails for a stream obliterated since the caller looked it up; call with {@link #writeLock} held. */
    void requireLive() throws StoreException {
        if (obliterated) {
            throw new StoreException(ErrorCode.NO_SUCH_STREAM, "stream does not exist [stream=" + uuid + "]");
        }
    }

    /**
     * Copies an inserted (or replayed) batch into the buffer, queueing the stream for its commit when the buffer starts;
     * call with {@link #writeLock} held (or while opening).
     */
    void buffer(long seq, MergePolicy policy, long[] times, double[] values, long nowNanos) {
        budget.add(bufferUncounted(seq, policy, times, values, nowNanos));
    }

    /**
     * {@link #buffer}, leaving the budget to the caller: a multi-stream insert adds what all its streams buffered
     * with one {@link #countBuffered}, not one budget lock per stream. Returns the bytes to count.
     */
    long bufferUncounted(long seq, MergePolicy policy, long[] times, double[] values, long nowNanos) {
        Batch batch = new Batch(seq, policy, points, points.append(times, values, 0, times.length), times.length);
        boolean starts = head.pending.isEmpty();
        head = head.with(batch, nowNanos);
        if (starts) {
            queue.add(this, queue.dueNanos(this, head));
        }
        return BufferBudget.bytesOf(batch.size());
    }

    /** Counts bytes that {@link #bufferUncounted} buffered (in this or other streams of the same store). */
    void countBuffered(long bytes) {
        budget.add(bytes);
    }

    /** Tells the committer that this buffer is full; call with {@link #writeLock} held. */
    void bufferFull() {
        queue.full(this);
    }

    void committed(Superblock sb) {
        versions.put(sb.version(), sb);
        switchHead(Head.committed(sb));
    }

    /** Forgets the buffer of a stream being obliterated; call with both locks held. */
    void dropBuffer() {
        switchHead(Head.committed(head.committed));
    }

    private void switchHead(Head next) {
        long freed = head.pendingBytes - next.pendingBytes;
        head = next;
        // after the switch: a reader of the old head that finds its points released takes this one
        points.releaseBefore(
                next.pending.isEmpty() ? points.end() : next.pending.get(0).position());
        budget.release(freed);
    }

    /**
     * Publishes a commit of the first {@code batches} buffered batches, keeping those inserted while it was being
     * written; call with {@link #writeLock} held.
     */
    void committed(Superblock sb, int batches) {
        versions.put(sb.version(), sb);
        switchHead(head.afterCommit(sb, batches));
    }
}
