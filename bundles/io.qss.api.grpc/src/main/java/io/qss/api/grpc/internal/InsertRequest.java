// SPDX-License-Identifier: Apache-2.0
package io.qss.api.grpc.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * An InsertParams message decoded straight into arrays (uuid = 1, sync = 2, values = 3 as RawPoint{time = 1, value
 * = 2}, merge_policy = 4; rounding = 5 is skipped), without a protobuf object per point.
 */
record InsertRequest(ByteString uuid, boolean sync, long[] times, double[] values, int count, int mergePolicy) {

    private static final int POINT_BYTES = 20;

    static final MethodDescriptor.Marshaller<InsertRequest> MARSHALLER = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(InsertRequest value) {
            throw new UnsupportedOperationException("InsertRequest is only received");
        }

        @Override
        public InsertRequest parse(InputStream stream) {
            try {
                return InsertRequest.parse(stream.readAllBytes());
            } catch (IOException e) {
                throw Status.INVALID_ARGUMENT
                        .withDescription("malformed InsertParams")
                        .withCause(e)
                        .asRuntimeException();
            }
        }
    };

    static InsertRequest parse(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        ByteString uuid = ByteString.EMPTY;
        boolean sync = false;
        int policy = 0;
        long[] times = new long[bytes.length / POINT_BYTES + 1];
        double[] values = new double[times.length];
        int n = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case 10 -> uuid = in.readBytes();
                case 16 -> sync = in.readBool();
                case 32 -> policy = in.readEnum();
                case 26 -> {
                    if (n == times.length) {
                        times = Arrays.copyOf(times, n * 2);
                        values = Arrays.copyOf(values, n * 2);
                    }
                    int limit = in.pushLimit(in.readRawVarint32());
                    long time = 0;
                    double value = 0;
                    for (int field = in.readTag(); field != 0; field = in.readTag()) {
                        switch (field) {
                            case 9 -> time = in.readSFixed64();
                            case 17 -> value = in.readDouble();
                            default -> in.skipField(field);
                        }
                    }
                    in.popLimit(limit);
                    times[n] = time;
                    values[n++] = value;
                }
                default -> {
                    if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_END_GROUP || !in.skipField(tag)) {
                        return new InsertRequest(uuid, sync, times, values, n, policy);
                    }
                }
            }
        }
        return new InsertRequest(uuid, sync, times, values, n, policy);
    }
}
