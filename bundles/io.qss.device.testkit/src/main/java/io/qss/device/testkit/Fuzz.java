// SPDX-License-Identifier: Apache-2.0
package io.qss.device.testkit;

import java.util.Arrays;
import java.util.Random;

/**
 * Damaged inputs from a seeded {@link Random}, so a failure can be replayed: the seed is printed and read back from
 * the system property {@value #SEED_PROPERTY}.
 */
public final class Fuzz {

    /** System property that fixes the seed, e.g. {@code -Dqss.testkit.seed=42} to replay a failure. */
    public static final String SEED_PROPERTY = "qss.testkit.seed";

    private final long seed;
    private final Random random;

    public Fuzz(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** A fuzzer seeded by {@value #SEED_PROPERTY} or else by the clock; prints the seed for {@code what}. */
    public static Fuzz fromPropertyOrClock(String what) {
        long seed = Long.getLong(SEED_PROPERTY, System.nanoTime());
        System.out.println("device contract fuzz seed=" + seed + " for " + what + " (replay with -D" + SEED_PROPERTY
                + "=" + seed + ")");
        return new Fuzz(seed);
    }

    public long seed() {
        return seed;
    }

    public Random random() {
        return random;
    }

    /** {@code length} random bytes. */
    public byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The first 1..length-1 bytes of {@code input} (empty for inputs shorter than two bytes). */
    public byte[] truncated(byte[] input) {
        return input.length < 2 ? new byte[0] : Arrays.copyOf(input, 1 + random.nextInt(input.length - 1));
    }

    /** {@code input} with {@code count} random bytes replaced by random values. */
    public byte[] damaged(byte[] input, int count) {
        byte[] copy = input.clone();
        for (int i = 0; i < count && copy.length > 0; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    /** " [seed=...]" for assertion messages. */
    public String tag() {
        return " [seed=" + seed + "]";
    }
}
