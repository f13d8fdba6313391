// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import io.qss.store.api.MergePolicy;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A stream's buffered batches as one head sees them: an immutable prefix of arrays that later heads may share and
 * append to. A live device's stream gets a small batch several times a second and keeps up to a minute of them, so
 * copying the whole list for each new head (as an immutable list would) cost time that grew with the commit age.
 * Appending writes the slot after this list's end, which no reader of this list looks at, and is done only once per
 * slot: a second append to the same list copies. Call {@link #with} under the stream's write lock; reading is
 * thread-safe once the list is published (the head holding it is read through a volatile field).
 *
 * <p>The batches live in primitive arrays, one entry per batch, and {@link #get} hands out a {@link Batch} view: a
 * live fleet buffers tens of thousands of batches a second for up to a minute each, and as objects they were all
 * copied into the old generation by the collector, and each one's reference stored into an old array was a card
 * for its concurrent refinement to scan.
 */
final class PendingBatches extends AbstractList<Batch> implements RandomAccess {

    static final PendingBatches EMPTY = new PendingBatches(null, new Slots(0), 0);
    private static final int FIRST_CAPACITY = 8;
    private static final MergePolicy[] POLICIES = MergePolicy.values();

    /** The stream's point buffer all batches read from; null only for {@link #EMPTY}. */
    private final PointBuffer points;

    private final Slots slots;
    private final int size;

    private PendingBatches(PointBuffer points, Slots slots, int size) {
        this.points = points;
        this.slots = slots;
        this.size = size;
    }

    /** A list holding {@code batches} in order (copied); all of them read from one point buffer. */
    static PendingBatches of(List<Batch> batches) {
        PendingBatches list = EMPTY;
        for (Batch batch : batches) {
            list = list.with(batch);
        }
        return list;
    }

    /** This list with {@code batch} after its end; this list is unchanged. */
    PendingBatches with(Batch batch) {
        Slots into = slots;
        if (size < into.capacity() && into.used == size) {
            into.used++;
        } else {
            into = slots.copy(size, Math.max(FIRST_CAPACITY, size * 2));
        }
        into.set(size, batch);
        return new PendingBatches(batch.points(), into, size + 1);
    }

    @Override
    public Batch get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("no buffered batch [index=" + index + ", size=" + size + "]");
        }
        return new Batch(
                slots.seqs[index], POLICIES[slots.policies[index]], points, slots.positions[index], slots.sizes[index]);
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * The arrays lists share. {@link #used} is how many slots a list has claimed; only writers (under the stream's
     * write lock) read or change it.
     */
    private static final class Slots {

        final long[] seqs;
        final long[] positions;
        final int[] sizes;
        final byte[] policies;
        int used;

        Slots(int capacity) {
            seqs = new long[capacity];
            positions = new long[capacity];
            sizes = new int[capacity];
            policies = new byte[capacity];
        }

        int capacity() {
            return seqs.length;
        }

        /** New arrays of {@code capacity} holding the first {@code length} slots, those claimed. */
        Slots copy(int length, int capacity) {
            Slots grown = new Slots(capacity);
            System.arraycopy(seqs, 0, grown.seqs, 0, length);
            System.arraycopy(positions, 0, grown.positions, 0, length);
            System.arraycopy(sizes, 0, grown.sizes, 0, length);
            System.arraycopy(policies, 0, grown.policies, 0, length);
            grown.used = length + 1;
            return grown;
        }

        void set(int index, Batch batch) {
            seqs[index] = batch.seq();
            positions[index] = batch.position();
            sizes[index] = batch.size();
            policies[index] = (byte) batch.policy().ordinal();
        }
    }
}
