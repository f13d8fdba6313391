// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Streams fall due for their background commit spread between half the age limit and the limit. */
class CommitAgeTest {

    private static final long LIMIT = 60_000_000_000L;

    @Test
    void givenManyStreams_whenAgesComputed_thenWithinHalfToFullLimitAndSpreadOverIt() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int[] buckets = new int[10];
        for (int i = 0; i < 10_000; i++) {
            UUID uuid = new UUID(random.nextLong(), random.nextLong());
            long age = Maintenance.commitAge(uuid, LIMIT);
            assertTrue(age >= LIMIT / 2 && age <= LIMIT, "age " + age + " seed=" + seed);
            buckets[(int) Math.min(9, (age - LIMIT / 2) * 10 / (LIMIT / 2))]++;
        }
        for (int count : buckets) {
            assertTrue(count > 700 && count < 1300, "uneven spread " + Arrays.toString(buckets) + " seed=" + seed);
        }
    }

    @Test
    void givenOneStream_whenAskedTwice_thenSameAge() {
        UUID uuid = UUID.randomUUID();
        assertEquals(Maintenance.commitAge(uuid, LIMIT), Maintenance.commitAge(uuid, LIMIT));
    }

    @Test
    void committerRoundsFollowTheAgeLimitWithinBounds() {
        assertEquals(250, BackgroundCommitter.idleMillis(60_000), "production age: four rounds a second");
        assertEquals(100, BackgroundCommitter.idleMillis(50), "short ages (tests): ten rounds a second");
        assertEquals(150, BackgroundCommitter.idleMillis(15_000));
    }
}
