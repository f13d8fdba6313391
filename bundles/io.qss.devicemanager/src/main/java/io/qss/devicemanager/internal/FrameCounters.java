// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A device's frame counts and its rate over the last few seconds (sampled by the manager's once-a-second tick).
 * Thread-safe.
 */
final class FrameCounters {

    private static final int WINDOW_SECONDS = 5;

    private final AtomicLong valid = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile long lastFrameMillis = Long.MIN_VALUE;
    private final long[] sampleMillis = new long[WINDOW_SECONDS + 1];
    private final long[] sampleValid = new long[WINDOW_SECONDS + 1];
    private int samples;
    private volatile double framesPerSecond;

    void count(long validFrames, long invalidFrames, long nowMillis) {
        if (validFrames > 0) {
            valid.addAndGet(validFrames);
            lastFrameMillis = nowMillis;
        }
        if (invalidFrames > 0) {
            invalid.addAndGet(invalidFrames);
        }
    }

    void reconnected() {
        reconnects.incrementAndGet();
    }

    /** Takes one sample of the valid count for the rate; call about once a second. */
    synchronized void sample(long nowMillis) {
        int slot = samples % sampleMillis.length;
        sampleMillis[slot] = nowMillis;
        sampleValid[slot] = valid.get();
        samples++;
        int oldest = samples <= sampleMillis.length ? 0 : samples % sampleMillis.length;
        long elapsed = nowMillis - sampleMillis[oldest];
        framesPerSecond = elapsed <= 0 ? 0 : (sampleValid[slot] - sampleValid[oldest]) * 1000.0 / elapsed;
    }

    long valid() {
        return valid.get();
    }

    long invalid() {
        return invalid.get();
    }

    long reconnects() {
        return reconnects.get();
    }

    double framesPerSecond() {
        return framesPerSecond;
    }

    /** When the last valid frame was counted; null when none. */
    Instant lastFrame() {
        long t = lastFrameMillis;
        return t == Long.MIN_VALUE ? null : Instant.ofEpochMilli(t);
    }
}
