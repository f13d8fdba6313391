// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The store's background threads are daemons, so that a store left open (a test, a tool that exits without closing)
 * never keeps its JVM alive; every thread is named for thread dumps.
 */
public final class DaemonThreads {

    private DaemonThreads() {}

    /** A daemon thread named {@code name} that runs {@code task}; not started. */
    public static Thread thread(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }

    /** A scheduled executor with one daemon thread named {@code name}. */
    public static ScheduledExecutorService scheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> thread(r, name));
    }
}
