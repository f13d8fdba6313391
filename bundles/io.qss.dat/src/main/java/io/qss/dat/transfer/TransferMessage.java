// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.transfer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

/**
 * One complete transfer message as a receiver reads it.
 *
 * @param header the decoded header
 * @param path   the device's file path (UTF-8, padding removed)
 * @param serial the device serial (UTF-8, padding removed)
 * @param data   the raw file contents
 */
public record TransferMessage(FrameHeader header, String path, String serial, byte[] data) {

    /**
     * Reads one message, blocking. Returns null when the stream ends cleanly before a header.
     *
     * @throws EOFException      when the stream ends inside a message
     * @throws ProtocolException when the header breaks the receiver limits (the caller should drop the connection)
     * @throws IOException       when reading fails
     */
    public static TransferMessage read(InputStream in) throws IOException {
        byte[] headerBytes = in.readNBytes(FrameHeader.BYTES);
        if (headerBytes.length == 0) {
            return null;
        }
        requireComplete(headerBytes, FrameHeader.BYTES, "header");
        FrameHeader header = FrameHeader.decode(headerBytes, 0);
        String violation = header.limitViolation();
        if (violation != null) {
            throw new ProtocolException("transfer header rejected: " + violation);
        }
        String path = readPadded(in, (int) header.pathLength(), "path");
        String serial = readPadded(in, (int) header.serialLength(), "serial");
        byte[] data = requireComplete(in.readNBytes((int) header.dataLength()), (int) header.dataLength(), "data");
        return new TransferMessage(header, path, serial, data);
    }

    private static String readPadded(InputStream in, int length, String part) throws IOException {
        int padded = (int) FrameHeader.padded(length);
        byte[] bytes = requireComplete(in.readNBytes(padded), padded, part);
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private static byte[] requireComplete(byte[] bytes, int expected, String part) throws EOFException {
        if (bytes.length < expected) {
            throw new EOFException(
                    "transfer message cut short [part=" + part + ", have=" + bytes.length + ", need=" + expected + "]");
        }
        return bytes;
    }
}
