// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/**
 * A reused frame buffer sent to a client that stops reading: what the socket did not take is copied and queued, so
 * rewriting the buffer for the next frame changes nothing already sent, and the client gets every byte in order.
 */
class ConnectionSendTest {
    private static final int FRAME_BYTES = 64;

    @Test
    void partlyWrittenFramesAreCopiedSoTheReusedBufferCanChange() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                Socket client = new Socket();
                Selector selector = Selector.open()) {
            client.setReceiveBufferSize(4096);
            client.connect(server.getLocalAddress());
            SocketChannel channel = server.accept();
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            Connection connection = new Connection(channel, key, c -> {});
            ByteBuffer frame = ByteBuffer.allocateDirect(FRAME_BYTES);
            int frames = 0;
            while (connection.queuedBytes() == 0 || frames < 10) { // until the socket no longer takes it all
                fill(frame, frames++);
                connection.send(frame);
                assertEquals(0, frame.position(), "the caller's buffer is left as it was");
            }
            for (int extra = 0; extra < 100; extra++) {
                fill(frame, frames++);
                connection.send(frame);
            }
            assertTrue(connection.queuedBytes() > 0);
            assertEquals(0, connection.droppedFrames());

            InputStream in = client.getInputStream();
            byte[] got = new byte[FRAME_BYTES];
            for (int i = 0; i < frames; i++) {
                while (connection.queuedBytes() > 0 && in.available() < FRAME_BYTES) {
                    connection.flush(); // what the selector does when the socket is writable again
                }
                in.readNBytes(got, 0, FRAME_BYTES);
                fill(frame, i);
                byte[] expected = new byte[FRAME_BYTES];
                frame.get(expected);
                assertArrayEquals(expected, got, "frame " + i + " of " + frames + " arrived whole and in order");
            }
            assertEquals(0, connection.queuedBytes());
        }
    }

    private static void fill(ByteBuffer frame, int number) {
        frame.clear();
        while (frame.hasRemaining()) {
            frame.put((byte) (number * 31 + frame.position()));
        }
        frame.flip();
    }
}
