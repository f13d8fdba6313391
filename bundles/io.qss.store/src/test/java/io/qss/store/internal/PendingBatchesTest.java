// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qss.store.api.MergePolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingBatchesTest {

    private static final PointBuffer POINTS = new PointBuffer(new PointPages());

    private static Batch batch(long seq) {
        return new Batch(seq, MergePolicy.NEVER, POINTS, POINTS.append(new long[] {seq}, new double[] {seq}, 0, 1), 1);
    }

    @Test
    void givenAppends_whenEachKept_thenEveryListSeesOnlyItsOwnPrefix() {
        List<PendingBatches> lists = new ArrayList<>();
        PendingBatches list = PendingBatches.EMPTY;
        for (int i = 0; i < 100; i++) {
            list = list.with(batch(i));
            lists.add(list);
        }
        for (int n = 0; n < lists.size(); n++) {
            PendingBatches l = lists.get(n);
            assertEquals(n + 1, l.size());
            for (int i = 0; i <= n; i++) {
                assertEquals(i, l.get(i).seq());
            }
            int end = n + 1;
            assertThrows(IndexOutOfBoundsException.class, () -> l.get(end));
        }
    }

    @Test
    void givenAnOlderList_whenAppendedToAgain_thenNeitherBranchSeesTheOther() {
        PendingBatches base = PendingBatches.EMPTY.with(batch(1)).with(batch(2));
        PendingBatches first = base.with(batch(3));
        PendingBatches second = base.with(batch(30));
        assertEquals(List.of(1L, 2L, 3L), first.stream().map(Batch::seq).toList());
        assertEquals(List.of(1L, 2L, 30L), second.stream().map(Batch::seq).toList());
        assertEquals(
                List.of(1L, 2L, 3L, 4L),
                first.with(batch(4)).stream().map(Batch::seq).toList());
        assertEquals(
                List.of(1L, 2L, 30L, 40L),
                second.with(batch(40)).stream().map(Batch::seq).toList());
        assertEquals(2, base.size());
    }

    @Test
    void copiesAreIndependentOfTheirSource() {
        Batch a = batch(1);
        PendingBatches of = PendingBatches.of(List.of(a, batch(2)));
        assertSame(a, of.get(0));
        assertSame(PendingBatches.EMPTY, PendingBatches.of(List.of()));
        assertEquals(3, of.with(batch(3)).size());
        assertEquals(2, of.size());
    }
}
