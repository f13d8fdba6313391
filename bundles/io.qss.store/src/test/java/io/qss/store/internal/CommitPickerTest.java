// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.StreamInfo;
import io.qss.store.internal.io.MetaRecord.Superblock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Which buffers a committer round takes: due, full, and under budget pressure the largest first; the due ones come
 * from the commit queue, which holds each buffered stream once until its due time.
 */
class CommitPickerTest {

    private static final long NOW = TimeUnit.HOURS.toNanos(1);
    private static final StoreOptions OPTIONS = StoreOptions.defaults().withCommit(1000, 60_000);
    private static final long MAX_AGE = TimeUnit.SECONDS.toNanos(60);

    private final CommitQueue queue = CommitQueue.of(OPTIONS);

    private StreamState stream(BufferBudget budget, int id, int points, long bufferedAtNanos) {
        UUID uuid = new UUID(0, id);
        StreamState s = new StreamState(
                uuid,
                new StreamInfo(uuid, "c", Map.of(), Map.of(), 0),
                StreamCatalog.initialSuperblock(uuid),
                budget,
                queue);
        buffer(s, points, bufferedAtNanos);
        return s;
    }

    private static void buffer(StreamState s, int points, long atNanos) {
        s.buffer(s.head.lastSeq() + 1, MergePolicy.NEVER, new long[points], new double[points], atNanos);
    }

    @Test
    void givenRoomInBudget_whenPicked_thenOnlyDueAndFullBuffers() {
        BufferBudget budget = new BufferBudget(1L << 30, () -> {});
        StreamState young = stream(budget, 1, 10, NOW);
        StreamState old = stream(budget, 2, 10, NOW - TimeUnit.SECONDS.toNanos(61));
        StreamState full = stream(budget, 3, 1000, NOW);
        full.bufferFull(); // as the engine's insert does

        assertEquals(List.of(full, old), CommitPicker.pick(queue, List.of(young, old, full), NOW, OPTIONS, budget));
        assertEquals(2, queue.size(), "the young and the full one stay queued by due time, the old one was taken");
    }

    @Test
    void givenStreamsNotDue_whenPicked_thenTheQueueAloneAnswers() {
        BufferBudget budget = new BufferBudget(1L << 30, () -> {});
        StreamState young = stream(budget, 1, 10, NOW);

        // the walk over all streams is not needed with room in the budget: an empty collection changes nothing
        assertEquals(List.of(), CommitPicker.pick(queue, List.of(), NOW, OPTIONS, budget));
        assertEquals(List.of(young), CommitPicker.pick(queue, List.of(), NOW + MAX_AGE, OPTIONS, budget));
        assertEquals(0, queue.size());
    }

    @Test
    void givenBufferRestartedAfterItWasQueued_whenItsOldDueTimeComes_thenRequeuedAtTheNewOne() {
        BufferBudget budget = new BufferBudget(1L << 30, () -> {});
        StreamState s = stream(budget, 1, 10, NOW);
        s.committed(new Superblock(s.uuid, 2, 0, 10, s.head.lastSeq(), 0)); // a flush by someone else
        buffer(s, 10, NOW + MAX_AGE / 2); // still queued at the old due time: not queued twice

        assertEquals(1, queue.size());
        long oldDue = NOW + Maintenance.commitAge(s.uuid, MAX_AGE);
        assertEquals(List.of(), CommitPicker.pick(queue, List.of(s), oldDue, OPTIONS, budget));
        assertEquals(1, queue.size(), "put back at its real due time");
        assertEquals(List.of(s), CommitPicker.pick(queue, List.of(s), oldDue + MAX_AGE / 2, OPTIONS, budget));
    }

    @Test
    void givenPickedButNotCommitted_whenRequeued_thenPickedAgainNextRound() {
        BufferBudget budget = new BufferBudget(1L << 30, () -> {});
        StreamState old = stream(budget, 2, 10, NOW - MAX_AGE);
        StreamState committed = stream(budget, 3, 10, NOW - MAX_AGE);
        List<StreamState> picked = CommitPicker.pick(queue, List.of(old, committed), NOW, OPTIONS, budget);
        committed.committed(new Superblock(committed.uuid, 2, 0, 10, committed.head.lastSeq(), 0));

        queue.requeue(picked); // the round could not take old's lock

        assertEquals(1, queue.size(), "the committed one is not queued again");
        assertEquals(List.of(old), CommitPicker.pick(queue, List.of(old, committed), NOW, OPTIONS, budget));
    }

    @Test
    void givenBudgetTight_whenPicked_thenLargestFirstUntilHalfStaysBuffered() {
        long limit = 4 * BufferBudget.bytesOf(100);
        BufferBudget budget = new BufferBudget(limit, () -> {});
        StreamState small = stream(budget, 1, 40, NOW);
        StreamState large = stream(budget, 2, 100, NOW);
        StreamState middleOld = stream(budget, 3, 80, NOW - 5);
        StreamState middleYoung = stream(budget, 4, 80, NOW);

        // 300 of 400 points' worth buffered (over three quarters): committing the largest two leaves under half
        assertEquals(
                List.of(large, middleOld),
                CommitPicker.pick(queue, List.of(small, middleYoung, large, middleOld), NOW, OPTIONS, budget));
    }

    @Test
    void givenNothingBuffered_whenPicked_thenNothing() {
        BufferBudget budget = new BufferBudget(1000, () -> {});
        UUID uuid = new UUID(0, 9);
        StreamState idle = new StreamState(
                uuid,
                new StreamInfo(uuid, "c", Map.of(), Map.of(), 0),
                StreamCatalog.initialSuperblock(uuid),
                budget,
                queue);
        assertEquals(List.of(), CommitPicker.pick(queue, List.of(idle), NOW, OPTIONS, budget));
    }
}
