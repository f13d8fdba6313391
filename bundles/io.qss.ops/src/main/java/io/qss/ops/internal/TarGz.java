// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Extracts a {@code .tar.gz} (ustar, with GNU long names) into a folder, refusing entries that would land outside
 * it. Only regular files and folders are extracted; links and special files are skipped.
 */
final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {}

    static void extract(Path archive, Path target) throws IOException {
        Files.createDirectories(target);
        try (DataInputStream in = new DataInputStream(
                new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 64 * 1024))) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (readHeader(in, header)) {
                String name = longName != null ? longName : entryName(header);
                longName = null;
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                if (type == 'L') {
                    longName = new String(readBody(in, size), StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                Path destination = safeResolve(target, name, archive);
                if (type == '5') {
                    Files.createDirectories(destination);
                    skipPadding(in, 0);
                } else if (type == '0' || type == 0) {
                    Files.createDirectories(destination.getParent());
                    Files.copy(new BoundedInput(in, size), destination);
                    skipPadding(in, size);
                } else {
                    in.skipNBytes(padded(size));
                }
            }
        }
    }

    private static boolean readHeader(DataInputStream in, byte[] header) throws IOException {
        try {
            in.readFully(header);
        } catch (EOFException e) {
            return false;
        }
        for (byte b : header) {
            if (b != 0) {
                return true;
            }
        }
        return false; // a zero block ends the archive
    }

    private static String entryName(byte[] header) {
        String name = cString(header, 0, 100);
        String prefix = cString(header, 345, 155);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static Path safeResolve(Path target, String name, Path archive) throws IOException {
        Path destination = target.resolve(name).normalize();
        if (!destination.startsWith(target) || Path.of(name).isAbsolute()) {
            throw new IOException(
                    "archive entry outside the target folder [archive=" + archive + ", entry=" + name + "]");
        }
        return destination;
    }

    private static byte[] readBody(DataInputStream in, long size) throws IOException {
        byte[] body = new byte[Math.toIntExact(size)];
        in.readFully(body);
        skipPadding(in, size);
        return body;
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        in.skipNBytes(padded(size) - size);
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] bytes, int offset, int length) {
        String text = cString(bytes, offset, length).trim();
        return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    }

    /** The body of one entry: reads at most {@code remaining} bytes and never closes the archive stream. */
    private static final class BoundedInput extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInput(InputStream in, long size) {
            this.in = in;
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("archive ends inside an entry");
            }
            remaining--;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new EOFException("archive ends inside an entry");
            }
            remaining -= n;
            return n;
        }
    }
}
