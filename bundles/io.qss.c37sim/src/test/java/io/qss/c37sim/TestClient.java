// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim;

import io.qss.c37sim.frame.Command;
import io.qss.c37sim.frame.FrameEncoder;
import io.qss.c37sim.frame.FrameReader;
import io.qss.c37sim.frame.FrameType;
import io.qss.c37sim.frame.RawFrame;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A blocking C37.118 client for tests: sends commands, reads whole frames. */
final class TestClient implements AutoCloseable {
    private final Socket socket = new Socket();
    private final InputStream in;
    private final FrameReader reader = new FrameReader();
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);

    TestClient(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        in = socket.getInputStream();
        buffer.flip();
    }

    void command(int idcode, Command command) throws IOException {
        raw(FrameEncoder.command(idcode, 2, System.currentTimeMillis() / 1000, 0, command));
    }

    void raw(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** The next frame, or null when none arrives within {@code millis}. */
    RawFrame next(int millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            RawFrame frame = reader.next(buffer);
            if (frame != null) {
                return frame;
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            socket.setSoTimeout((int) left);
            buffer.compact();
            try {
                int count = in.read(buffer.array(), buffer.position(), buffer.remaining());
                if (count < 0) {
                    buffer.flip();
                    return null;
                }
                buffer.position(buffer.position() + count);
            } catch (SocketTimeoutException e) {
                // fall through: the deadline check returns null
            }
            buffer.flip();
        }
    }

    /** The next frame of {@code type}, skipping others, or null. */
    RawFrame next(FrameType type, int millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        for (RawFrame f = next(millis); f != null; f = next((int) Math.max(1, deadline - System.currentTimeMillis()))) {
            if (f.type() == type) {
                return f;
            }
        }
        return null;
    }

    /** Every frame arriving within {@code millis}. */
    List<RawFrame> collect(int millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        List<RawFrame> frames = new ArrayList<>();
        for (RawFrame f = next(millis); f != null; f = next((int) Math.max(1, deadline - System.currentTimeMillis()))) {
            frames.add(f);
            if (System.currentTimeMillis() >= deadline) {
                break;
            }
        }
        return frames;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
