// SPDX-License-Identifier: Apache-2.0
package io.qss.device.testkit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds threads a device type left running: a snapshot of the live threads before the code under test, compared
 * with those still alive a grace period after it ended (a thread that is ending gets that long).
 */
public final class ThreadLeaks {

    private static final long GRACE_MILLIS = 2_000;

    private final Set<Thread> before;

    private ThreadLeaks(Set<Thread> before) {
        this.before = before;
    }

    /** Takes the snapshot. */
    public static ThreadLeaks snapshot() {
        return new ThreadLeaks(new HashSet<>(Thread.getAllStackTraces().keySet()));
    }

    /** Names of the threads started since the snapshot that are still alive after the grace period. */
    public List<String> leftRunning() throws InterruptedException {
        long deadline = System.currentTimeMillis() + GRACE_MILLIS;
        for (Thread thread : started()) {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
        return started().stream().map(Thread::getName).sorted().toList();
    }

    private List<Thread> started() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t))
                .filter(Thread::isAlive)
                .toList();
    }
}
