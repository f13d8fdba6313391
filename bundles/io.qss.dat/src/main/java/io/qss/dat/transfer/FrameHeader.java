// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.transfer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The 16-byte header of one transfer message: four little-endian uint32, in this order. The message continues
 * with the path bytes and the serial bytes, each zero-padded to a multiple of 4, then the raw file data, unpadded.
 * The receiver answers 4 bytes: the sendid echoed on success, four zero bytes on failure.
 *
 * @param sendId       message id: starts at 1, increments per message, wraps to 1, never 0
 * @param pathLength   path bytes before padding
 * @param serialLength serial bytes before padding
 * @param dataLength   file bytes
 */
public record FrameHeader(long sendId, long pathLength, long serialLength, long dataLength) {
    /** Header size in bytes. */
    public static final int BYTES = 16;
    /** Receiver limit on the path length. */
    public static final int MAX_PATH_BYTES = 512;
    /** Receiver limit on the serial length. */
    public static final int MAX_SERIAL_BYTES = 32;
    /** Receiver limit on the data length (200 minutes of base records). */
    public static final int MAX_DATA_BYTES = 75_744_000;
    /** The default port of the protocol. */
    public static final int DEFAULT_PORT = 1883;

    /** The header as 16 bytes. */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt((int) sendId)
                .putInt((int) pathLength)
                .putInt((int) serialLength)
                .putInt((int) dataLength);
        return out.array();
    }

    /** Decodes the header at {@code offset}; every field is an unsigned 32-bit value widened to long. */
    public static FrameHeader decode(byte[] bytes, int offset) {
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, BYTES).order(ByteOrder.LITTLE_ENDIAN);
        return new FrameHeader(
                Integer.toUnsignedLong(in.getInt()),
                Integer.toUnsignedLong(in.getInt()),
                Integer.toUnsignedLong(in.getInt()),
                Integer.toUnsignedLong(in.getInt()));
    }

    /** Null when the header is within the receiver limits, else {@code what failed [key=value]}. */
    public String limitViolation() {
        if (pathLength > MAX_PATH_BYTES) {
            return "path too long [pathLength=" + pathLength + ", max=" + MAX_PATH_BYTES + "]";
        }
        if (serialLength > MAX_SERIAL_BYTES) {
            return "serial too long [serialLength=" + serialLength + ", max=" + MAX_SERIAL_BYTES + "]";
        }
        if (dataLength > MAX_DATA_BYTES) {
            return "data too long [dataLength=" + dataLength + ", max=" + MAX_DATA_BYTES + "]";
        }
        return null;
    }

    /** {@code length} rounded up to a multiple of 4. */
    public static long padded(long length) {
        return (length + 3) & ~3L;
    }

    /** The id after {@code sendId}: increments, and wraps to 1 before reaching 0xFFFFFFFF, so never 0. */
    public static long nextSendId(long sendId) {
        return sendId >= 0xFFFF_FFFEL || sendId < 1 ? 1 : sendId + 1;
    }

    /** Header, padded path and padded serial of a message carrying {@code dataLength} bytes (UTF-8 strings). */
    public static byte[] encodePreamble(long sendId, String path, String serial, long dataLength) {
        byte[] pathBytes = path.getBytes(StandardCharsets.UTF_8);
        byte[] serialBytes = serial.getBytes(StandardCharsets.UTF_8);
        byte[] header = new FrameHeader(sendId, pathBytes.length, serialBytes.length, dataLength).encode();
        int pathPadded = (int) padded(pathBytes.length);
        byte[] out = new byte[BYTES + pathPadded + (int) padded(serialBytes.length)];
        System.arraycopy(header, 0, out, 0, BYTES);
        System.arraycopy(pathBytes, 0, out, BYTES, pathBytes.length);
        System.arraycopy(serialBytes, 0, out, BYTES + pathPadded, serialBytes.length);
        return out;
    }

    /** The success reply for {@code sendId}: its 4 little-endian bytes. */
    public static byte[] ack(long sendId) {
        return ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) sendId)
                .array();
    }

    /** The failure reply: four zero bytes. */
    public static byte[] nack() {
        return new byte[4];
    }

    /** Whether {@code reply} (4 bytes) acknowledges {@code sendId}. */
    public static boolean isAck(byte[] reply, long sendId) {
        return reply.length == 4
                && sendId != 0
                && Integer.toUnsignedLong(ByteBuffer.wrap(reply)
                                .order(ByteOrder.LITTLE_ENDIAN)
                                .getInt())
                        == sendId;
    }
}
