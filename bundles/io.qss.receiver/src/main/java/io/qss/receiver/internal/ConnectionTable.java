// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The open connections, bounded in total and per IP address. A connection beyond a bound is admitted and the
 * stalest one it competes with is evicted instead, so a real device always gets through however many broken or
 * hostile clients hold connections: connections that never delivered a file go before those that did, and among
 * them the one without progress for longest. Connections making a file durable are never evicted. Thread-safe.
 */
final class ConnectionTable {

    private static final Comparator<Connection> STALEST_FIRST =
            Comparator.comparing(Connection::hasDelivered).thenComparingLong(Connection::lastProgress);

    private final ConnectionLimits limits;
    private final ReceiverPressure pressure;
    private final Set<Connection> open = new HashSet<>();
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();

    ConnectionTable(ConnectionLimits limits, ReceiverPressure pressure) {
        this.limits = limits;
        this.pressure = pressure;
    }

    /** Adds {@code c}, evicting (closing) what it displaces. */
    void admit(Connection c) {
        Map<Connection, String> evicted = new HashMap<>(2);
        synchronized (this) {
            if (perAddress.getOrDefault(c.address(), 0) >= limits.maxPerAddress()) {
                evictStalest(
                        o -> o.address().equals(c.address()),
                        evicted,
                        "evicted: too many connections from one address [max=" + limits.maxPerAddress() + "]");
            }
            if (open.size() >= limits.maxConnections()) {
                evictStalest(
                        o -> true, evicted, "evicted: connection table full [max=" + limits.maxConnections() + "]");
            }
            open.add(c);
            perAddress.merge(c.address(), 1, Integer::sum);
        }
        evicted.forEach((e, reason) -> {
            pressure.connectionEvicted(reason);
            e.close(reason);
        });
    }

    synchronized void remove(Connection c) {
        if (open.remove(c)) {
            perAddress.computeIfPresent(c.address(), (a, n) -> n == 1 ? null : n - 1);
        }
    }

    synchronized int size() {
        return open.size();
    }

    synchronized List<Connection> snapshot() {
        return List.copyOf(open);
    }

    /** Closes every connection that broke a deadline at {@code now}; returns how many. */
    int closeOverdue(long now) {
        int closed = 0;
        for (Connection c : snapshot()) {
            String reason = c.overdue(now, limits);
            if (reason != null) {
                c.close("closed: " + reason);
                remove(c);
                closed++;
            }
        }
        return closed;
    }

    private void evictStalest(Predicate<Connection> among, Map<Connection, String> evicted, String reason) {
        open.stream()
                .filter(among)
                .filter(o -> o.phase() != Connection.Phase.STORING)
                .min(STALEST_FIRST)
                .ifPresent(o -> {
                    remove(o);
                    evicted.put(o, reason);
                });
    }
}
