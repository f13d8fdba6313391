// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Tells a running verb to stop (Ctrl-C, the end of --duration, or a test). Thread-safe. */
public final class StopSignal {
    private final CountDownLatch latch = new CountDownLatch(1);

    public void stop() {
        latch.countDown();
    }

    /** Waits up to {@code millis} for the signal; true when it came. */
    boolean await(long millis) throws InterruptedException {
        return latch.await(millis, TimeUnit.MILLISECONDS);
    }
}
