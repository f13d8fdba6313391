// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.replay;

import io.qss.c37sim.frame.Command;
import io.qss.c37sim.frame.FrameType;
import io.qss.c37sim.frame.RawFrame;
import io.qss.c37sim.server.Connection;
import io.qss.c37sim.server.FrameHandler;
import io.qss.c37sim.server.FrameServer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves a capture's streams to TCP clients like the PMU that sent them: a client's commands name a stream by its
 * IDCODE (a capture with a single stream serves it whatever the IDCODE); CFG-1/2/3 and header requests get the
 * capture's last such frame before the replay position (the frames the PMU sent before its first data frame are
 * answers, kept for these requests); "turn on" replays the rest, data and in-stream configuration frames alike, in
 * order, at the original pace divided by the speed (0 = as fast as the socket takes them). Frames go out as
 * captured, bad CRCs included. Runs on the {@link FrameServer}'s thread.
 */
public final class CaptureReplayer implements FrameHandler {
    private static final long IDLE_NANOS = 50_000_000L;
    private static final int BURST_FRAMES = 2_000;
    /** A fast replay waits while this much is queued for the client, so nothing is dropped. */
    private static final int MAX_QUEUED_BYTES = 256 << 10;

    private static final long BACKOFF_NANOS = 1_000_000L;

    private static final class Cursor {
        final List<CapturedFrame> frames;
        int position;
        long originNanos;
        long originMicros;
        boolean isFinished;

        Cursor(List<CapturedFrame> frames) {
            this.frames = frames;
            this.position = Capture.firstData(frames);
        }
    }

    private final Capture capture;
    private final double speed;
    private final PrintStream log;
    private final List<Connection> transmitting = new ArrayList<>();
    private final AtomicLong framesSent = new AtomicLong();

    public CaptureReplayer(Capture capture, double speed, PrintStream log) {
        this.capture = capture;
        this.speed = speed;
        this.log = log;
    }

    /** Frames sent to clients so far. */
    public long framesSent() {
        return framesSent.get();
    }

    @Override
    public void connected(Connection connection) {
        // bound to a stream by its first command
    }

    @Override
    public void disconnected(Connection connection) {
        transmitting.remove(connection);
    }

    @Override
    public void received(Connection connection, RawFrame frame) {
        if (frame.type() != FrameType.COMMAND) {
            return;
        }
        Cursor cursor = cursor(connection, frame.idcode());
        Command command = Command.of(frame.commandCode());
        if (cursor == null || command == null) {
            return;
        }
        switch (command) {
            case TURN_ON -> start(connection, cursor);
            case TURN_OFF -> {
                connection.transmitting(false);
                transmitting.remove(connection);
            }
            case SEND_CFG1 -> answer(connection, cursor, FrameType.CFG1);
            case SEND_CFG2 -> answer(connection, cursor, FrameType.CFG2);
            case SEND_CFG3 -> answer(connection, cursor, FrameType.CFG3);
            case SEND_HEADER -> answer(connection, cursor, FrameType.HEADER);
            case EXTENDED -> log.println("qss-c37: extended frame ignored [idcode=" + frame.idcode() + "]");
        }
    }

    @Override
    public long tick(long nowNanos) {
        long due = nowNanos + IDLE_NANOS;
        for (Connection connection : List.copyOf(transmitting)) {
            due = Math.min(due, send((Cursor) connection.attachment(), connection, nowNanos));
        }
        return due;
    }

    private Cursor cursor(Connection connection, int idcode) {
        if (connection.attachment() instanceof Cursor cursor && cursor.frames == stream(idcode)) {
            return cursor;
        }
        List<CapturedFrame> frames = stream(idcode);
        if (frames.isEmpty()) {
            log.println("qss-c37: command for an IDCODE the capture does not hold ignored [idcode=" + idcode
                    + ", capture=" + capture.idcodes() + "]");
            return null;
        }
        Cursor cursor = new Cursor(frames);
        connection.attach(cursor);
        return cursor;
    }

    private List<CapturedFrame> stream(int idcode) {
        List<CapturedFrame> frames = capture.stream(idcode);
        if (frames.isEmpty() && capture.idcodes().size() == 1) {
            return capture.stream(capture.idcodes().get(0));
        }
        return frames;
    }

    private void start(Connection connection, Cursor cursor) {
        if (connection.isTransmitting()) {
            return;
        }
        connection.transmitting(true);
        transmitting.add(connection);
        cursor.originNanos = FrameServer.nowNanos();
        cursor.originMicros = cursor.position < cursor.frames.size()
                ? cursor.frames.get(cursor.position).timeMicros()
                : 0;
    }

    private void answer(Connection connection, Cursor cursor, FrameType type) {
        CapturedFrame found = null;
        for (int i = 0; i < cursor.frames.size() && (i < cursor.position || found == null); i++) {
            if (cursor.frames.get(i).frame().type() == type) {
                found = cursor.frames.get(i);
            }
        }
        if (found == null) {
            log.println("qss-c37: the capture holds no frame to answer with [type=" + type + ", idcode="
                    + cursor.frames.get(0).frame().idcode() + "]");
            return;
        }
        connection.send(found.frame().bytes());
        framesSent.incrementAndGet();
    }

    /** Sends what is due; returns when the next frame is due. */
    private long send(Cursor cursor, Connection connection, long nowNanos) {
        int burst = 0;
        while (cursor.position < cursor.frames.size()) {
            CapturedFrame next = cursor.frames.get(cursor.position);
            long due = dueNanos(cursor, next);
            if (due > nowNanos) {
                return due;
            }
            if (burst == BURST_FRAMES || connection.queuedBytes() > MAX_QUEUED_BYTES) {
                return nowNanos + BACKOFF_NANOS;
            }
            connection.send(next.frame().bytes());
            framesSent.incrementAndGet();
            cursor.position++;
            burst++;
        }
        if (!cursor.isFinished) {
            cursor.isFinished = true;
            log.println("qss-c37: replay of the stream finished [idcode="
                    + cursor.frames.get(0).frame().idcode() + ", frames=" + cursor.frames.size() + ", client="
                    + connection.remote() + "]");
        }
        return nowNanos + IDLE_NANOS;
    }

    private long dueNanos(Cursor cursor, CapturedFrame frame) {
        if (speed <= 0) {
            return cursor.originNanos;
        }
        return cursor.originNanos + (long) ((frame.timeMicros() - cursor.originMicros) * 1000 / speed);
    }
}
