// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.function.LongSupplier;

/**
 * One client connection and where its protocol stands, for deadlines and eviction. The serving thread moves it
 * through the phases and counts bytes; the acceptor and the watchdog read it and may close it from their threads
 * (closing the socket ends the serving thread's blocking read).
 */
final class Connection {

    /** Where a connection stands. */
    enum Phase {
        /** Between messages (or before the first): waiting for a header's first byte. */
        IDLE,
        /** Reading a header, path and serial. */
        HEADER,
        /** Reading a file body. */
        BODY,
        /** Making a received file durable; not reading, so never timed out or evicted. */
        STORING
    }

    private final Socket socket;
    private final InetAddress address;
    private final String remote;
    private final LongSupplier nanoClock;
    private volatile Phase phase = Phase.IDLE;
    private volatile long phaseStarted;
    private volatile long lastProgress;
    private volatile long bodyBytes;
    private volatile boolean hasDelivered;
    private volatile String closeReason;
    private volatile long windowStarted;
    private volatile long windowBytes;

    Connection(Socket socket, LongSupplier nanoClock) {
        this.socket = socket;
        this.address = socket.getInetAddress();
        this.remote = String.valueOf(socket.getRemoteSocketAddress());
        this.nanoClock = nanoClock;
        phaseStarted = lastProgress = nanoClock.getAsLong();
    }

    Socket socket() {
        return socket;
    }

    InetAddress address() {
        return address;
    }

    String remote() {
        return remote;
    }

    Phase phase() {
        return phase;
    }

    /** Last time bytes arrived or the phase changed (nanoClock). */
    long lastProgress() {
        return lastProgress;
    }

    /** Whether a file of this connection was stored: a proven sender, evicted only after unproven ones. */
    boolean hasDelivered() {
        return hasDelivered;
    }

    /** Why the receiver closed it, or null. */
    String closeReason() {
        return closeReason;
    }

    void enter(Phase next) {
        if (next == phase) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (next == Phase.BODY) {
            bodyBytes = 0;
            windowStarted = now;
            windowBytes = 0;
        }
        // The times first: the watchdog reads the phase, then its start, and must never see a new phase with the old
        // start (a header begun a minute after the last file read as a header overdue for a minute).
        phaseStarted = now;
        lastProgress = now;
        phase = next;
    }

    void received(int bytes) {
        lastProgress = nanoClock.getAsLong();
        if (phase == Phase.BODY) {
            bodyBytes += bytes;
        }
    }

    void delivered() {
        hasDelivered = true;
    }

    /**
     * Why this connection broke a limit at {@code now}, or null. Called by the watchdog only (it owns the rate
     * window).
     */
    String overdue(long now, ConnectionLimits limits) {
        switch (phase) {
            case IDLE:
                return now - lastProgress > limits.idleNanos()
                        ? "idle too long [seconds=" + limits.idleNanos() / 1_000_000_000L + "]"
                        : null;
            case HEADER:
                return now - phaseStarted > limits.headerNanos()
                        ? "header not complete in time [seconds=" + limits.headerNanos() / 1_000_000_000L + "]"
                        : null;
            case BODY:
                return bodyTooSlow(now, limits);
            default:
                return null;
        }
    }

    private String bodyTooSlow(long now, ConnectionLimits limits) {
        long elapsed = now - windowStarted;
        if (elapsed < limits.rateWindowNanos()) {
            return null;
        }
        long bytes = bodyBytes - windowBytes;
        long needed = limits.minBodyBytesPerSecond() * elapsed / 1_000_000_000L;
        windowStarted = now;
        windowBytes = bodyBytes;
        return bytes < needed
                ? "file body too slow [bytes=" + bytes + ", seconds=" + elapsed / 1_000_000_000L
                        + ", minBytesPerSecond=" + limits.minBodyBytesPerSecond() + "]"
                : null;
    }

    /** Closes the socket, recording why; the serving thread then ends. */
    void close(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is best effort: the socket is unusable either way.
        }
    }
}
