// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.send;

import io.qss.dat.transfer.FrameHeader;
import io.qss.dat.transfer.TransferMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny in-test receiver: reads messages and answers what {@code reply} says (null: hang up without answering);
 * records every message.
 */
public final class FakeReceiver implements AutoCloseable {
    public final List<TransferMessage> messages = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final Thread thread;

    public FakeReceiver(Function<TransferMessage, byte[]> reply) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(reply), "fake-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    public static FakeReceiver acking() throws IOException {
        return new FakeReceiver(m -> FrameHeader.ack(m.header().sendId()));
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve(Function<TransferMessage, byte[]> reply) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                for (TransferMessage m = TransferMessage.read(in); m != null; m = TransferMessage.read(in)) {
                    messages.add(m);
                    byte[] answer = reply.apply(m);
                    if (answer == null) {
                        break; // null means: hang up without answering
                    }
                    out.write(answer);
                    out.flush();
                }
            } catch (IOException e) {
                // The test closed the server or the client hung up; accept the next connection if any.
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
