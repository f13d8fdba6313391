// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import com.google.protobuf.MessageLite;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A message already encoded in protobuf wire format: the first {@code length} bytes of {@code bytes}. Lets the hot
 * calls write points straight from the store's arrays, without a protobuf object per point.
 */
record Encoded(byte[] bytes, int length) {

    static Encoded of(MessageLite message) {
        byte[] bytes = message.toByteArray();
        return new Encoded(bytes, bytes.length);
    }

    /** Sends encoded messages as they are; parses into the raw bytes (for clients and tests). */
    static final MethodDescriptor.Marshaller<Encoded> MARSHALLER = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(Encoded value) {
            return new Stream(value);
        }

        @Override
        public Encoded parse(InputStream stream) {
            try {
                byte[] bytes = stream.readAllBytes();
                return new Encoded(bytes, bytes.length);
            } catch (IOException e) {
                throw new IllegalStateException("encoded message unreadable", e);
            }
        }
    };

    /** grpc copies a {@link Drainable} of known length into its buffers in one write. */
    private static final class Stream extends InputStream implements Drainable, KnownLength {

        private final Encoded value;
        private int position;

        Stream(Encoded value) {
            this.value = value;
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int n = value.length() - position;
            target.write(value.bytes(), position, n);
            position = value.length();
            return n;
        }

        @Override
        public int available() {
            return value.length() - position;
        }

        @Override
        public int read() {
            return position < value.length() ? value.bytes()[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = Math.min(len, value.length() - position);
            if (n <= 0) {
                return len == 0 ? 0 : -1;
            }
            System.arraycopy(value.bytes(), position, b, off, n);
            position += n;
            return n;
        }
    }
}
