// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.internal.codec;

import java.io.IOException;
import java.io.InputStream;

/**
 * A forward-only window over the input: {@code buf[pos..limit)} holds the bytes at absolute offset
 * {@link #position()} onwards. Arrays are read in place; streams go through one buffer that is refilled.
 */
abstract class ByteInput {
    byte[] buf;
    int pos;
    int limit;
    /** Absolute input offset of {@code buf[0]}. */
    long base;

    /** Makes up to {@code n} bytes readable from {@code pos} and returns how many are (fewer only at the end). */
    abstract int ensure(int n) throws IOException;

    final void advance(int n) {
        pos += n;
    }

    final long position() {
        return base + pos;
    }

    static ByteInput of(byte[] data, int offset, int length) {
        return new ArrayInput(data, offset, length);
    }

    static ByteInput of(InputStream in, int bufferSize) {
        return new StreamInput(in, bufferSize);
    }

    private static final class ArrayInput extends ByteInput {
        ArrayInput(byte[] data, int offset, int length) {
            buf = data;
            pos = offset;
            limit = offset + length;
            base = -offset;
        }

        @Override
        int ensure(int n) {
            return Math.min(n, limit - pos);
        }
    }

    private static final class StreamInput extends ByteInput {
        private final InputStream in;
        private boolean isEof;

        StreamInput(InputStream in, int bufferSize) {
            this.in = in;
            this.buf = new byte[bufferSize];
        }

        @Override
        int ensure(int n) throws IOException {
            if (limit - pos >= n || isEof) {
                return Math.min(n, limit - pos);
            }
            compact();
            while (limit < n && !isEof) {
                int read = in.read(buf, limit, buf.length - limit);
                if (read < 0) {
                    isEof = true;
                } else {
                    limit += read;
                }
            }
            return Math.min(n, limit);
        }

        private void compact() {
            int remaining = limit - pos;
            System.arraycopy(buf, pos, buf, 0, remaining);
            base += pos;
            pos = 0;
            limit = remaining;
        }
    }
}
