// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.grpc;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.qss.api.grpc.internal.v5api.InsertResponse;
import io.qss.api.grpc.internal.v5api.RawValuesParams;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.Future;

/** The insert and raw figures with {@link ArrayClient}: {@code arrays_*} lines. */
final class ArrayBench {

    private final Channel channel;

    ArrayBench(Channel channel, String key) {
        if (key == null) {
            this.channel = channel;
        } else {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
            this.channel = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        }
    }

    void insert(UUID id, long points, int inflight) throws Exception {
        byte[] uuid = GrpcBenchMain.bytes(id).toByteArray();
        long[] times = new long[GrpcBenchMain.BATCH];
        double[] values = new double[GrpcBenchMain.BATCH];
        ArrayDeque<Future<InsertResponse>> pending = new ArrayDeque<>();
        long start = System.nanoTime();
        for (long sent = 0; sent < points; sent += GrpcBenchMain.BATCH) {
            for (int i = 0; i < GrpcBenchMain.BATCH; i++) {
                long n = sent + i;
                times[i] = GrpcBenchMain.T0 + n * GrpcBenchMain.PERIOD;
                values[i] = Math.sin(n * 0.001) * 120.0;
            }
            byte[] request = ArrayClient.encodeInsert(uuid, times, values, GrpcBenchMain.BATCH);
            pending.add(ClientCalls.futureUnaryCall(channel.newCall(ArrayClient.INSERT, CallOptions.DEFAULT), request));
            while (pending.size() >= inflight) {
                GrpcBenchMain.check(pending.poll().get().getStat());
            }
        }
        while (!pending.isEmpty()) {
            GrpcBenchMain.check(pending.poll().get().getStat());
        }
        System.out.printf("arrays_insert_points_per_s=%.0f%n", points / ((System.nanoTime() - start) / 1e9));
    }

    void raw(byte[] uuid, long startTime, long endTime, long points, int runs) {
        double[] rates = new double[runs];
        RawValuesParams params = RawValuesParams.newBuilder()
                .setUuid(ByteString.copyFrom(uuid))
                .setStart(startTime)
                .setEnd(endTime)
                .build();
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            long received = 0;
            Iterator<ArrayClient.Points> it = ArrayClient.rawValues(channel, CallOptions.DEFAULT, params);
            while (it.hasNext()) {
                ArrayClient.Points message = it.next();
                if (message.code() != 0) {
                    throw new IllegalStateException("raw query failed [code=" + message.code() + "]");
                }
                received += message.count();
            }
            if (received != points) {
                throw new IllegalStateException("raw query incomplete [expected=" + points + ", got=" + received + "]");
            }
            rates[r] = received / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        System.out.printf(
                "arrays_raw_points_per_s_median=%.0f%narrays_raw_points_per_s_max=%.0f%n",
                rates[runs / 2], rates[runs - 1]);
    }
}
