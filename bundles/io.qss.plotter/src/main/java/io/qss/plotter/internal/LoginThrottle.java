// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed logins for one user name within
 * {@value #WINDOW_SECONDS} s, further attempts for that name are refused until the oldest failure leaves the window.
 * A successful login clears the name's failures. Thread-safe.
 */
final class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final int WINDOW_SECONDS = 300;
    /** Names tracked at most; beyond that the oldest entries are dropped, so guessing many names costs memory once. */
    private static final int MAX_NAMES = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Seconds until {@code user} may try again, or 0 when it may now. */
    long waitSeconds(String user) {
        Deque<Long> times = failures.get(user);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            forgetOld(times);
            if (times.size() < MAX_FAILURES) {
                return 0;
            }
            long waitMillis = times.peekFirst() + WINDOW_SECONDS * 1000L - clock.millis();
            return Math.max(1, (waitMillis + 999) / 1000);
        }
    }

    void failed(String user) {
        if (failures.size() >= MAX_NAMES) {
            failures.clear();
        }
        Deque<Long> times = failures.computeIfAbsent(user, u -> new ArrayDeque<>());
        synchronized (times) {
            forgetOld(times);
            times.addLast(clock.millis());
        }
    }

    void succeeded(String user) {
        failures.remove(user);
    }

    private void forgetOld(Deque<Long> times) {
        long oldest = clock.millis() - WINDOW_SECONDS * 1000L;
        while (!times.isEmpty() && times.peekFirst() <= oldest) {
            times.removeFirst();
        }
    }
}
