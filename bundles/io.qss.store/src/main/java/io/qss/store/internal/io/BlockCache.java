// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal.io;

import io.qss.store.internal.tree.Node;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decoded nodes by block address, bounded by approximate heap bytes. Eviction is CLOCK-like: entries leave in
 * insertion order unless read since they were last considered. Lookups never lock, so readers never wait. Blocks
 * are immutable, so a cached node can never be stale.
 */
public final class BlockCache {

    private static final class Entry {
        final long address;
        final Node node;
        volatile boolean referenced;

        Entry(long address, Node node) {
            this.address = address;
            this.node = node;
        }
    }

    private final long capacityBytes;
    private final ConcurrentHashMap<Long, Entry> map = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Entry> order = new ConcurrentLinkedQueue<>();
    private final AtomicLong weight = new AtomicLong();

    public BlockCache(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    public Node get(long address) {
        Entry e = map.get(address);
        if (e == null) {
            return null;
        }
        e.referenced = true;
        return e.node;
    }

    public void put(long address, Node node) {
        if (capacityBytes <= 0) {
            return;
        }
        Entry e = new Entry(address, node);
        if (map.putIfAbsent(address, e) != null) {
            return;
        }
        order.add(e);
        if (weight.addAndGet(node.weight()) > capacityBytes) {
            evict();
        }
    }

    private void evict() {
        int budget = map.size() * 2 + 16;
        while (weight.get() > capacityBytes && budget-- > 0) {
            Entry e = order.poll();
            if (e == null) {
                return;
            }
            if (e.referenced) {
                e.referenced = false;
                order.add(e);
            } else if (map.remove(e.address, e)) {
                weight.addAndGet(-e.node.weight());
            }
        }
    }
}
