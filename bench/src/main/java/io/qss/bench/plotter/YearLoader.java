// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.plotter;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import io.qss.api.grpc.internal.v5api.CreateParams;
import io.qss.api.grpc.internal.v5api.FlushParams;
import io.qss.api.grpc.internal.v5api.InsertResponse;
import io.qss.api.grpc.internal.v5api.KeyOptValue;
import io.qss.api.grpc.internal.v5api.OptValue;
import io.qss.bench.grpc.ArrayClient;
import io.qss.bench.grpc.GrpcBenchMain;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;

/**
 * Loads the plotter benchmark's data over gRPC (columnar inserts of {@link ArrayClient}): streams covering a year at
 * one point per second, except one day in the middle at 120 Hz. Values are a slow daily swing plus a fast ripple, so
 * min, mean and max differ at every zoom level.
 */
final class YearLoader {

    static final long SECOND = 1_000_000_000L;
    static final long DAY = 86_400 * SECOND;
    static final long PERIOD_120HZ = 8_333_333L;
    private static final int BATCH = 50_000;
    private static final int INFLIGHT = 4;

    private final Channel channel;
    private final BTrDBGrpc.BTrDBBlockingStub stub;

    YearLoader(Channel channel, String key) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
        this.channel = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        this.stub = GrpcBenchMain.withKey(BTrDBGrpc.newBlockingStub(channel), key);
    }

    /** Creates {@code count} streams {@code /<collection>/S<i>} (unit V) and fills [start, start + days). */
    List<UUID> load(String collection, int count, long start, int days, long denseDay) throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            UUID id = UUID.randomUUID();
            GrpcBenchMain.check(stub.create(CreateParams.newBuilder()
                            .setUuid(GrpcBenchMain.bytes(id))
                            .setCollection(collection)
                            .addTags(tag("name", "S" + (s + 1)))
                            .addTags(tag("unit", "V"))
                            .build())
                    .getStat());
            long began = System.nanoTime();
            long points = fill(id, s, start, start + days * DAY, denseDay);
            stub.flush(FlushParams.newBuilder().setUuid(GrpcBenchMain.bytes(id)).build());
            System.out.printf(
                    "plotter_load_stream=%s points=%d seconds=%.1f%n", id, points, (System.nanoTime() - began) / 1e9);
            ids.add(id);
        }
        return ids;
    }

    private long fill(UUID id, int stream, long start, long end, long denseDay) throws Exception {
        byte[] uuid = GrpcBenchMain.bytes(id).toByteArray();
        long[] times = new long[BATCH];
        double[] values = new double[BATCH];
        ArrayDeque<Future<InsertResponse>> pending = new ArrayDeque<>();
        long total = 0;
        int n = 0;
        for (long t = start; t < end; ) {
            boolean isDense = t >= denseDay && t < denseDay + DAY;
            times[n] = t;
            values[n] = value(stream, t);
            n++;
            t += isDense ? PERIOD_120HZ : SECOND;
            if (!isDense && t > denseDay && t < denseDay + DAY) {
                t = denseDay;
            }
            if (n == BATCH || t >= end) {
                pending.add(ClientCalls.futureUnaryCall(
                        channel.newCall(ArrayClient.INSERT, CallOptions.DEFAULT),
                        ArrayClient.encodeInsert(uuid, times, values, n)));
                total += n;
                n = 0;
                while (pending.size() >= INFLIGHT) {
                    GrpcBenchMain.check(pending.poll().get().getStat());
                }
            }
        }
        while (!pending.isEmpty()) {
            GrpcBenchMain.check(pending.poll().get().getStat());
        }
        return total;
    }

    private static double value(int stream, long t) {
        double seconds = t / 1e9;
        return 7200
                + 40 * stream
                + 60 * Math.sin(seconds * 2 * Math.PI / 86_400)
                + 3 * Math.sin(seconds * 2 * Math.PI * 0.7)
                + 0.5 * Math.sin(seconds * 2 * Math.PI * 60.1);
    }

    private static KeyOptValue tag(String key, String value) {
        return KeyOptValue.newBuilder()
                .setKey(key)
                .setVal(OptValue.newBuilder().setValue(value))
                .build();
    }
}
