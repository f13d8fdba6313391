// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.store.api.MergePolicy;
import io.qss.store.api.StreamInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which buffers a committer round takes: due, full, and under budget pressure the largest first. */
class CommitPickerTest {

    private static final long NOW = TimeUnit.HOURS.toNanos(1);
    private static final StoreOptions OPTIONS = StoreOptions.defaults().withCommit(1000, 60_000);

    private StreamState stream(BufferBudget budget, int id, int points, long bufferedAtNanos) {
        UUID uuid = new UUID(0, id);
        StreamState s = new StreamState(
                uuid, new StreamInfo(uuid, "c", Map.of(), Map.of(), 0), StreamCatalog.initialSuperblock(uuid), budget);
        s.buffer(new Batch(id, MergePolicy.NEVER, new long[points], new double[points]), bufferedAtNanos);
        return s;
    }

    @Test
    void givenRoomInBudget_whenPicked_thenOnlyDueAndFullBuffers() {
        BufferBudget budget = new BufferBudget(1L << 30, () -> {});
        StreamState young = stream(budget, 1, 10, NOW);
        StreamState old = stream(budget, 2, 10, NOW - TimeUnit.SECONDS.toNanos(61));
        StreamState full = stream(budget, 3, 1000, NOW);

        assertEquals(List.of(full, old), CommitPicker.pick(List.of(young, old, full), NOW, OPTIONS, budget));
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
                CommitPicker.pick(List.of(small, middleYoung, large, middleOld), NOW, OPTIONS, budget));
    }

    @Test
    void givenNothingBuffered_whenPicked_thenNothing() {
        BufferBudget budget = new BufferBudget(1000, () -> {});
        UUID uuid = new UUID(0, 9);
        StreamState idle = new StreamState(
                uuid, new StreamInfo(uuid, "c", Map.of(), Map.of(), 0), StreamCatalog.initialSuperblock(uuid), budget);
        assertEquals(List.of(), CommitPicker.pick(List.of(idle), NOW, OPTIONS, budget));
    }
}
