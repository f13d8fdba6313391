// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * What a device's link reported and its session has not taken yet, in arrival order: byte chunks and the link going
 * up or down. It holds the bytes that arrive while no session exists (the type's bundle is being updated), up to a
 * capacity; beyond it the oldest chunks are dropped and counted. Thread-safe: the network loop adds, the device's
 * serial executor takes.
 */
final class DeviceInbox {

    /** Bytes an event is counted as, so that a flapping link cannot queue events without bound. */
    private static final int EVENT_BYTES = 64;

    private final long capacityBytes;
    private final ArrayDeque<Inbound> items = new ArrayDeque<>();
    private long bytes;
    private long droppedBytes;

    DeviceInbox(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** Adds one item; returns the bytes dropped to make room (0 when none). */
    synchronized long add(Inbound item) {
        items.add(item);
        bytes += size(item);
        long dropped = 0;
        Iterator<Inbound> oldest = items.iterator();
        while (bytes > capacityBytes && oldest.hasNext()) {
            Inbound candidate = oldest.next();
            // link events are kept: they tell the session where one connection's bytes end
            if (candidate.bytes() != null && candidate != item) {
                oldest.remove();
                bytes -= candidate.bytes().length;
                dropped += candidate.bytes().length;
            }
        }
        droppedBytes += dropped;
        return dropped;
    }

    /** The oldest item, left in place; null when empty. */
    synchronized Inbound peek() {
        return items.peek();
    }

    /** Removes the oldest item, which the caller has just peeked. */
    synchronized void remove() {
        Inbound item = items.poll();
        if (item != null) {
            bytes -= size(item);
        }
    }

    /** Bytes waiting. */
    synchronized long bytes() {
        return bytes;
    }

    /** Bytes dropped since the device was created because the inbox was full. */
    synchronized long droppedBytes() {
        return droppedBytes;
    }

    private static long size(Inbound item) {
        return item.bytes() != null ? item.bytes().length : EVENT_BYTES;
    }

    /**
     * One thing the link reported: {@code bytes} (non-null) arrived, or the link went up ({@code isUp}) or down for
     * {@code reason}.
     */
    record Inbound(byte[] bytes, boolean isUp, String reason) {

        static Inbound data(byte[] bytes) {
            return new Inbound(bytes, true, null);
        }

        static Inbound up() {
            return new Inbound(null, true, null);
        }

        static Inbound down(String reason) {
            return new Inbound(null, false, reason);
        }
    }
}
