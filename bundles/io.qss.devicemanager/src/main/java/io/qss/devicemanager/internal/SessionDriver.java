// SPDX-License-Identifier: Apache-2.0
package io.qss.devicemanager.internal;

import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.DeviceType;
import io.qss.device.ProtocolSession;
import io.qss.devicemanager.internal.DeviceInbox.Inbound;
import java.nio.ByteBuffer;

/**
 * Feeds a device's inbox to its protocol session, in order: link events become {@code connected()} and
 * {@code disconnected()}, TCP bytes are joined with what the session left unconsumed, each UDP datagram goes alone.
 * Without a session the inbox simply fills (bytes wait for the next session, which continues where the last one
 * stopped, so a type bundle's update loses nothing). Confined to the device's serial executor, except the volatile
 * status fields.
 */
final class SessionDriver {

    private static final int MAX_FEED_BYTES = 1 << 20;
    private static final int INITIAL_WORK_BYTES = 64 * 1024;

    private final LiveDevice device;
    private final DeviceInbox inbox;
    private final boolean isDatagram;
    private final long maxUnconsumedBytes;
    private ProtocolSession session;
    private SessionContext context;
    private ByteBuffer work = emptyWork();
    private boolean isLinkUpSeen;
    private boolean isHeldBack;
    private volatile String error;
    private volatile boolean hasSession;

    SessionDriver(LiveDevice device, DeviceInbox inbox, boolean isDatagram, long maxUnconsumedBytes) {
        this.device = device;
        this.inbox = inbox;
        this.isDatagram = isDatagram;
        this.maxUnconsumedBytes = maxUnconsumedBytes;
    }

    /** Opens a session of {@code type} (closing the current one), tells it the link is up if so, and feeds it. */
    void open(DeviceType type) {
        close();
        SessionContext next = new SessionContext(device);
        try {
            session = type.openSession(next);
            context = next;
            hasSession = true;
            error = null;
        } catch (DeviceException | RuntimeException e) {
            error = "opening the session failed [type=" + type.typeId() + ", cause=" + e.getMessage() + "]";
            device.logProblem(error, e);
            return;
        }
        if (isLinkUpSeen) {
            connected();
        }
        pump();
    }

    /** Closes the session, if any; the bytes it left unconsumed stay for the next one. */
    void close() {
        if (session == null) {
            return;
        }
        context.invalidate();
        try {
            session.close();
        } catch (RuntimeException e) {
            device.logProblem("closing the session failed [cause=" + e + "]", e);
        }
        session = null;
        context = null;
        hasSession = false;
    }

    /** Hands the session what waits in the inbox, until it is empty, there is no session or the store holds back. */
    void pump() {
        while (!isHeldBack) {
            Inbound item = inbox.peek();
            if (item == null) {
                return;
            }
            if (item.bytes() == null) {
                inbox.remove();
                linkEvent(item);
            } else if (session == null) {
                return;
            } else if (isDatagram) {
                if (feed(ByteBuffer.wrap(item.bytes()))) {
                    inbox.remove();
                }
            } else {
                gather();
                feedStream();
            }
        }
    }

    /** The store took samples again (or the retry delay passed): offers the held-back bytes once more. */
    void resume() {
        isHeldBack = false;
        if (!isDatagram && session != null && work.hasRemaining()) {
            feedStream();
        }
        pump();
    }

    /** The once-a-second tick. */
    void tick(long nowNanos) {
        if (session == null) {
            return;
        }
        try {
            session.tick(nowNanos);
        } catch (DeviceException | RuntimeException e) {
            failed(e, "session tick failed");
        }
    }

    /** The last failure of the session or of this driver; null while all works. */
    String error() {
        return error;
    }

    boolean hasSession() {
        return hasSession;
    }

    /** Bytes the session left unconsumed. */
    int unconsumedBytes() {
        return work.remaining();
    }

    private void linkEvent(Inbound event) {
        isLinkUpSeen = event.isUp();
        if (event.isUp()) {
            if (session != null) {
                connected();
            }
            return;
        }
        // what is left of the lost connection is the start of a message that never ends
        work = emptyWork();
        if (session != null) {
            session.disconnected(event.reason());
        }
    }

    private void connected() {
        try {
            session.connected();
        } catch (DeviceException | RuntimeException e) {
            failed(e, "session could not start");
        }
    }

    /** Joins the waiting byte chunks (at least one) to the unconsumed input, up to about 1 MiB. */
    private void gather() {
        Inbound item;
        boolean isFirst = true;
        while ((item = inbox.peek()) != null
                && item.bytes() != null
                && (isFirst || work.remaining() < MAX_FEED_BYTES)) {
            append(item.bytes());
            inbox.remove();
            isFirst = false;
        }
    }

    private void feedStream() {
        feed(work);
        if (work.remaining() > maxUnconsumedBytes) {
            failed(
                    new DeviceException(
                            DeviceErrorCode.CORRUPT_INPUT,
                            "session leaves its input unconsumed [" + "bytes=" + work.remaining() + "]"),
                    "input dropped");
        } else if (!work.hasRemaining() && work.capacity() > MAX_FEED_BYTES) {
            work = emptyWork();
        }
    }

    /** Calls the session; false when the store held samples back (the input stays to be offered again). */
    private boolean feed(ByteBuffer in) {
        try {
            session.received(in);
            error = null;
            return true;
        } catch (DeviceException e) {
            if (e.code() == DeviceErrorCode.SINK_FAILED) {
                isHeldBack = true;
                error = "samples held back, retrying [cause=" + e.getMessage() + "]";
                device.retryLater();
                return false;
            }
            failed(e, "input refused");
        } catch (RuntimeException e) {
            failed(e, "session failed");
        }
        return true;
    }

    /** Drops the input the session could not handle and, on TCP, reconnects so both sides start afresh. */
    private void failed(Exception e, String what) {
        error = what + " [cause=" + e.getMessage() + "]";
        device.logProblem(error, e);
        if (!isDatagram) {
            work = emptyWork();
            device.restartLink(error);
        }
    }

    private void append(byte[] bytes) {
        if (work.capacity() - work.limit() < bytes.length) {
            int needed = work.remaining() + bytes.length;
            if (needed <= work.capacity()) {
                work.compact().flip();
            } else {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, work.capacity() * 2));
                work = bigger.put(work).flip();
            }
        }
        int start = work.position();
        int end = work.limit();
        work.limit(end + bytes.length).position(end);
        work.put(bytes).position(start);
    }

    private static ByteBuffer emptyWork() {
        return ByteBuffer.allocate(INITIAL_WORK_BYTES).limit(0);
    }
}
