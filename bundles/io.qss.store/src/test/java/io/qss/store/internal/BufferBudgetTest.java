// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BufferBudgetTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void givenRoom_whenAdmitted_thenReservedUntilLeft() throws Exception {
        BufferBudget budget = new BufferBudget(1000, () -> {});
        assertTrue(budget.admit(600, 0));
        assertFalse(budget.admit(600, 0), "600 + 600 exceeds 1000");
        budget.leave(600);
        assertTrue(budget.admit(600, 0));
    }

    @Test
    void givenFullBudget_whenInsertWaits_thenCommitterToldAndAdmittedOnceReleased() throws Exception {
        AtomicInteger pressure = new AtomicInteger();
        BufferBudget budget = new BufferBudget(1000, pressure::incrementAndGet);
        budget.add(900);
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.admit(500, 10 * SECOND);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + 5 * SECOND;
        while (budget.waiting() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, budget.waiting());
        assertTrue(pressure.get() > 0, "the committer was not told");
        budget.release(900);
        assertTrue(waiting.get(5, TimeUnit.SECONDS));
        assertEquals(0, budget.waiting());
    }

    @Test
    void givenFullBudgetNeverReleased_whenWaitRunsOut_thenRefusedAndNothingReserved() throws Exception {
        BufferBudget budget = new BufferBudget(1000, () -> {});
        budget.add(1000);
        long started = System.nanoTime();
        assertFalse(budget.admit(1, TimeUnit.MILLISECONDS.toNanos(200)));
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(200), "gave up early");
        budget.release(1000);
        assertTrue(budget.admit(1000, 0), "a refused admit left a reservation behind");
    }

    @Test
    void givenEmptyBudget_whenInsertLargerThanIt_thenAdmitted() throws Exception {
        BufferBudget budget = new BufferBudget(1000, () -> {});
        assertTrue(budget.admit(5000, 0), "an insert alone must always fit, or it would wait forever");
    }

    @Test
    void givenInsertLargerThanHalfTheBudget_whenHalfIsUsed_thenAdmittedWithoutWaitingForEmpty() throws Exception {
        BufferBudget budget = new BufferBudget(1000, () -> {});
        budget.add(600);
        assertFalse(budget.admit(3000, 0), "over half used: the committer must free some first");
        budget.release(100);
        assertTrue(budget.admit(3000, 0), "a steady load never empties the budget; half is enough");
    }

    @Test
    void givenBatches_whenAddedAndReleased_thenPeakKept() {
        BufferBudget budget = new BufferBudget(10_000, () -> {});
        budget.add(BufferBudget.bytesOf(100));
        budget.add(BufferBudget.bytesOf(200));
        budget.release(BufferBudget.bytesOf(100));
        assertEquals(BufferBudget.bytesOf(200), budget.buffered());
        assertEquals(BufferBudget.bytesOf(100) + BufferBudget.bytesOf(200), budget.peak());
    }
}
