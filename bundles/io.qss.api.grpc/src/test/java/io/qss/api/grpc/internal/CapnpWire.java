// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/** A capnp test client: writes hand-made frames (hex, spaces ignored) and reads framed single-segment answers. */
final class CapnpWire implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;

    CapnpWire(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }

    static String hexOf(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** 8 bytes of a little-endian long, as hex. */
    static String le(long value) {
        return hexOf(ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(value)
                .array());
    }

    void send(String frameHex) throws IOException {
        socket.getOutputStream().write(hex(frameHex));
        socket.getOutputStream().flush();
    }

    /** One whole answer frame, header included. */
    byte[] receive() throws IOException {
        byte[] header = in.readNBytes(8);
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        if (header.length < 8 || h.getInt(0) != 0) {
            throw new IOException("not a single-segment frame");
        }
        byte[] body = in.readNBytes(h.getInt(4) * 8);
        return ByteBuffer.allocate(8 + body.length).put(header).put(body).array();
    }

    /** A field of an answer: the little-endian long at byte {@code offset} of the frame (header included). */
    static long word(byte[] frame, int offset) {
        return ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
    }

    InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
