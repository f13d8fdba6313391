// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.core.health.SystemHealth;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The system health for {@code /status}, answered from the latest computation while it is recent. Asking every
 * component on the request's thread made {@code /status} as slow as the slowest report on a saturated machine (an
 * overloaded qss is exactly when monitoring polls it): now a request takes the latest health, at most
 * {@value #REFRESH_MILLIS} ms old as long as a refresh keeps up, and starts the next computation on a thread of its
 * own; only a health older than {@value #STALE_MILLIS} ms (the first request, or a refresh that could not run) is
 * computed on the request's thread. Thread-safe.
 */
final class RecentHealth implements AutoCloseable {

    /**
     * A second: monitors poll far less often, and each refresh asks every component (sync sums thousands of devices),
     * which at 250 ms took a sixth of the CPU of a qss syncing 5,000 devices.
     */
    static final long REFRESH_MILLIS = 1_000;

    static final long STALE_MILLIS = 5_000;

    private record Snapshot(SystemHealth health, long atNanos) {}

    private final Supplier<SystemHealth> source;
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "qss-rest-health");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean isRefreshing = new AtomicBoolean();
    private volatile Snapshot latest;

    RecentHealth(Supplier<SystemHealth> source) {
        this.source = source;
    }

    SystemHealth get() {
        Snapshot s = latest;
        long age = s == null ? Long.MAX_VALUE : System.nanoTime() - s.atNanos();
        if (age > TimeUnit.MILLISECONDS.toNanos(STALE_MILLIS)) {
            return compute();
        }
        if (age > TimeUnit.MILLISECONDS.toNanos(REFRESH_MILLIS) && isRefreshing.compareAndSet(false, true)) {
            try {
                refresher.execute(() -> {
                    try {
                        compute();
                    } finally {
                        isRefreshing.set(false);
                    }
                });
            } catch (RejectedExecutionException e) {
                isRefreshing.set(false);
            }
        }
        return s.health();
    }

    private SystemHealth compute() {
        SystemHealth health = source.get();
        latest = new Snapshot(health, System.nanoTime());
        return health;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
