// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds random bytes, mutated and truncated valid files to the decoder. The seed is printed; run with
 * {@code -Dqss.fuzz.seed=N} to replay a failure.
 */
class DatFuzzTest {
    private static final int ROUNDS = 1500;

    @Test
    void givenArbitraryInput_whenDecoded_thenNoUncheckedExceptionAndBoundedTime() {
        long seed = Long.getLong("qss.fuzz.seed", System.nanoTime());
        System.out.println("DatFuzzTest seed=" + seed + " (rerun with -Dqss.fuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        byte[] base = TestData.file(seed, false, 4);
        byte[] mixed = TestData.mixedFile(seed, 6);
        DatDecoder decoder = DatCodecs.decoder();
        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        byte[] input = switch (round % 3) {
                            case 0 -> randomBytes(random);
                            case 1 -> mutate(random, base);
                            default -> truncate(random, mutate(random, mixed));
                        };
                        long[] seen = new long[1];
                        DatSummary summary = decoder.decode(input, "fuzz.dat", r -> touch(r, seen));
                        assertTrue(summary.bytes() == input.length, "seed=" + seed + " round=" + round);
                        decoder.decode(new DatRoundTripTest.TrickleInputStream(input), "fuzz.dat", r -> touch(r, seen));
                        decoder.decodeColumns(input, "fuzz.dat");
                    }
                },
                "decoder took too long, seed=" + seed);
    }

    private static void touch(DatRecord record, long[] seen) {
        for (DatStream stream : DatStream.streams(record.isExtended())) {
            seen[0] += (long) record.value(stream, 119) + record.timeNanos(119);
        }
        seen[0] += record.pll().ppsPeriod() + record.toData().status().length;
    }

    private static byte[] randomBytes(Random random) {
        byte[] data = new byte[random.nextInt(30_000)];
        random.nextBytes(data);
        return data;
    }

    private static byte[] mutate(Random random, byte[] valid) {
        byte[] data = valid.clone();
        int flips = 1 + random.nextInt(20);
        for (int i = 0; i < flips; i++) {
            // Aim half of the flips at headers and status words, where the decoder makes decisions.
            int record = random.nextInt(Math.max(1, data.length / 6312));
            int at = random.nextBoolean() ? record * 6312 + random.nextInt(508) : random.nextInt(data.length);
            data[Math.min(at, data.length - 1)] = (byte) random.nextInt(256);
        }
        return data;
    }

    private static byte[] truncate(Random random, byte[] data) {
        return Arrays.copyOf(data, random.nextInt(data.length + 1));
    }
}
