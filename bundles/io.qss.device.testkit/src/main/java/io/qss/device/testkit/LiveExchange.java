// SPDX-License-Identifier: Apache-2.0
package io.qss.device.testkit;

import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceException;
import io.qss.device.DeviceType;
import io.qss.device.Endpoint;
import io.qss.device.ProtocolSession;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Plays a {@link ScriptedDevice} against a fresh session of a live type, as the device manager would: it opens the
 * session on a {@link RecordingDeviceContext}, calls {@code connected()}, hands over what the device sends and what
 * it answers to each command, calls {@code tick} once and closes the session. On TCP the bytes go through one
 * buffer that keeps what the session left unconsumed (a direct buffer, as sockets fill); on UDP each message is one
 * datagram. Exceptions of the session propagate; the session is closed in any case.
 */
public final class LiveExchange {

    /** More messages than this means the device and the session answer each other for ever. */
    static final int MAX_MESSAGES = 200_000;

    private final DeviceType type;
    private final DeviceDescriptor device;
    private final ScriptedDevice script;

    public LiveExchange(DeviceType type, DeviceDescriptor device, ScriptedDevice script) {
        this.type = type;
        this.device = device;
        this.script = script;
    }

    /**
     * How TCP bytes are cut before the session sees them; UDP ignores it. A real connection cuts anywhere, so a
     * session must decode the same whatever the cut.
     */
    public enum Cuts {
        /** Everything the device has sent so far in one call: several messages at once. */
        WHOLE,
        /** Each message in one to four pieces cut at random points. */
        RANDOM,
        /** One byte per call. */
        SINGLE_BYTES
    }

    /**
     * Runs the exchange with a new session whose {@code loadState()} returns {@code state}; returns the context with
     * what the session did.
     *
     * @throws DeviceException what the session threw (the context then holds what it did until then)
     */
    public RecordingDeviceContext run(Cuts cuts, Random random, byte[] state) throws DeviceException {
        RecordingDeviceContext context = new RecordingDeviceContext(device, type.streams(device), state);
        runOn(context, cuts, random);
        return context;
    }

    /**
     * Runs the exchange with a new session that continues where {@code previous} left off, as after an update of the
     * type's bundle or a restart of qss: its {@code loadState()} returns what {@code previous} saved, and its sink
     * accepts the streams {@code previous} declared (qss keeps both in the device's document).
     *
     * @throws DeviceException what the session threw
     */
    public RecordingDeviceContext resume(Cuts cuts, Random random, RecordingDeviceContext previous)
            throws DeviceException {
        RecordingDeviceContext context = new RecordingDeviceContext(
                device, List.copyOf(previous.streams().values()), previous.loadState());
        runOn(context, cuts, random);
        return context;
    }

    /** Runs the exchange on {@code context} (e.g. one whose sends fail). */
    public void runOn(RecordingDeviceContext context, Cuts cuts, Random random) throws DeviceException {
        boolean isDatagram = endpoint().transport() == Endpoint.Transport.UDP_LISTENER;
        ProtocolSession session = type.openSession(context);
        if (session == null) {
            throw new AssertionError("openSession returned null [type=" + type.typeId() + "]");
        }
        try {
            session.connected();
            Deque<byte[]> inbound = new ArrayDeque<>(script.onConnect());
            int answered = answer(context, inbound, 0);
            ByteBuffer pending = ByteBuffer.allocateDirect(0);
            int delivered = 0;
            while (!inbound.isEmpty()) {
                delivered += isDatagram || cuts != Cuts.WHOLE ? 1 : inbound.size();
                if (delivered > MAX_MESSAGES) {
                    throw new AssertionError(
                            "scripted exchange does not end [type=" + type.typeId() + ", messages=" + delivered + "]");
                }
                if (isDatagram) {
                    session.received(direct(inbound.poll()));
                } else {
                    pending = deliverStream(session, pending, nextPieces(inbound, cuts, random));
                }
                answered = answer(context, inbound, answered);
            }
            session.tick(System.nanoTime());
        } finally {
            closeChecked(session);
        }
    }

    /** The endpoint the type names for the device; a live type must name one. */
    public Endpoint endpoint() throws DeviceException {
        return type.endpoint(device)
                .orElseThrow(() -> new AssertionError(
                        "live type names no endpoint [type=" + type.typeId() + ", device=" + device + "]"));
    }

    /** Closes {@code session}, failing the test when close throws (its contract says it must not). */
    static void closeChecked(ProtocolSession session) {
        try {
            session.close();
        } catch (RuntimeException e) {
            throw new AssertionError("ProtocolSession.close() threw", e);
        }
    }

    private ByteBuffer deliverStream(ProtocolSession session, ByteBuffer pending, List<byte[]> pieces)
            throws DeviceException {
        ByteBuffer buffer = pending;
        for (byte[] piece : pieces) {
            buffer = concat(buffer, piece);
            session.received(buffer);
        }
        return buffer;
    }

    private List<byte[]> nextPieces(Deque<byte[]> inbound, Cuts cuts, Random random) {
        return switch (cuts) {
            case WHOLE -> {
                List<byte[]> all = new ArrayList<>();
                while (!inbound.isEmpty()) {
                    all.add(inbound.poll());
                }
                yield List.of(concat(all));
            }
            case RANDOM -> cutRandomly(inbound.poll(), random);
            case SINGLE_BYTES -> cutEvery(inbound.poll(), 1);
        };
    }

    /** Adds the device's answers to the session's sends since {@code answered}; returns the sends answered. */
    private int answer(RecordingDeviceContext context, Deque<byte[]> inbound, int answered) {
        List<byte[]> sent = context.sent();
        for (int i = answered; i < sent.size(); i++) {
            inbound.addAll(script.onCommand(sent.get(i)));
        }
        return sent.size();
    }

    private static List<byte[]> cutRandomly(byte[] message, Random random) {
        int pieces = 1 + random.nextInt(4);
        List<byte[]> cut = new ArrayList<>();
        int from = 0;
        for (int i = 1; i < pieces && from < message.length; i++) {
            int to = from + random.nextInt(message.length - from + 1);
            cut.add(Arrays.copyOfRange(message, from, to));
            from = to;
        }
        cut.add(Arrays.copyOfRange(message, from, message.length));
        return cut;
    }

    private static List<byte[]> cutEvery(byte[] message, int size) {
        List<byte[]> cut = new ArrayList<>();
        for (int from = 0; from < message.length; from += size) {
            cut.add(Arrays.copyOfRange(message, from, Math.min(message.length, from + size)));
        }
        return cut;
    }

    private static byte[] concat(List<byte[]> parts) {
        int size = parts.stream().mapToInt(p -> p.length).sum();
        ByteBuffer all = ByteBuffer.allocate(size);
        parts.forEach(all::put);
        return all.array();
    }

    /** What the session left in {@code pending} followed by {@code piece}, ready to read. */
    private static ByteBuffer concat(ByteBuffer pending, byte[] piece) {
        ByteBuffer next = ByteBuffer.allocateDirect(pending.remaining() + piece.length);
        next.put(pending).put(piece).flip();
        return next;
    }

    private static ByteBuffer direct(byte[] datagram) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(datagram.length);
        buffer.put(datagram).flip();
        return buffer;
    }
}
