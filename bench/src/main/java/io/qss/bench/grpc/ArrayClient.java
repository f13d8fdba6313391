// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.grpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import io.qss.api.grpc.internal.v5api.InsertResponse;
import io.qss.api.grpc.internal.v5api.RawValuesParams;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * A client that encodes Insert from arrays and decodes RawValues into arrays, as a columnar client (Go, numpy)
 * would, instead of one protobuf object per point; the server sees the same v5api bytes.
 */
public final class ArrayClient {

    /** A decoded RawValuesResponse: status code and the points' times and values. */
    public record Points(int code, int count, long[] times, double[] values) {}

    static final MethodDescriptor<RawValuesParams, Points> RAW = BTrDBGrpc.getRawValuesMethod().toBuilder(
                    BTrDBGrpc.getRawValuesMethod().getRequestMarshaller(), new MethodDescriptor.Marshaller<Points>() {
                        @Override
                        public InputStream stream(Points value) {
                            throw new UnsupportedOperationException();
                        }

                        @Override
                        public Points parse(InputStream stream) {
                            try {
                                return decode(stream.readAllBytes());
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    })
            .build();

    public static final MethodDescriptor<byte[], InsertResponse> INSERT = BTrDBGrpc.getInsertMethod().toBuilder(
                    new MethodDescriptor.Marshaller<byte[]>() {
                        @Override
                        public InputStream stream(byte[] value) {
                            return new ByteArrayInputStream(value);
                        }

                        @Override
                        public byte[] parse(InputStream stream) {
                            throw new UnsupportedOperationException();
                        }
                    },
                    BTrDBGrpc.getInsertMethod().getResponseMarshaller())
            .build();

    private ArrayClient() {}

    public static Iterator<Points> rawValues(Channel channel, CallOptions options, RawValuesParams params) {
        return ClientCalls.blockingServerStreamingCall(channel, RAW, options, params);
    }

    /** InsertParams{uuid = 1, values = 3} encoded from arrays. */
    public static byte[] encodeInsert(byte[] uuid, long[] times, double[] values, int n) {
        byte[] out = new byte[18 + 20 * n];
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        try {
            coded.writeByteArray(1, uuid);
            for (int i = 0; i < n; i++) {
                coded.writeTag(3, 2);
                coded.writeUInt32NoTag(18);
                coded.writeSFixed64(1, times[i]);
                coded.writeDouble(2, values[i]);
            }
            coded.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Points decode(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        long[] times = new long[bytes.length / 20 + 1];
        double[] values = new double[times.length];
        int n = 0;
        int code = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == 34) {
                int limit = in.pushLimit(in.readRawVarint32());
                for (int field = in.readTag(); field != 0; field = in.readTag()) {
                    switch (field) {
                        case 9 -> times[n] = in.readSFixed64();
                        case 17 -> values[n] = in.readDouble();
                        default -> in.skipField(field);
                    }
                }
                in.popLimit(limit);
                n++;
            } else if (tag == 10) {
                int limit = in.pushLimit(in.readRawVarint32());
                for (int field = in.readTag(); field != 0; field = in.readTag()) {
                    if (field == 8) {
                        code = in.readUInt32();
                    } else {
                        in.skipField(field);
                    }
                }
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        return new Points(code, n, times, values);
    }
}
