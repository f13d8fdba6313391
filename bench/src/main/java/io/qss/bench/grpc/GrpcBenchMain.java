// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.grpc;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.qss.api.grpc.internal.StandaloneServer;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import io.qss.api.grpc.internal.v5api.CreateParams;
import io.qss.api.grpc.internal.v5api.FlushParams;
import io.qss.api.grpc.internal.v5api.InsertParams;
import io.qss.api.grpc.internal.v5api.InsertResponse;
import io.qss.api.grpc.internal.v5api.KeyOptValue;
import io.qss.api.grpc.internal.v5api.OptValue;
import io.qss.api.grpc.internal.v5api.RawPoint;
import io.qss.api.grpc.internal.v5api.RawValuesParams;
import io.qss.api.grpc.internal.v5api.RawValuesResponse;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * gRPC throughput: {@code java -cp bench/target/qss-bench.jar:bench/target/lib/* io.qss.bench.grpc.GrpcBenchMain
 * [--target host:port --key K] [--points N] [--warmup N] [--inflight N] [--runs N] [--dir D]}. Without {@code --target} it starts
 * the server in this JVM on a fresh store (allow-all access) and a loopback port. Prints {@code name=value} lines:
 * insert points/s (50,000-point Inserts, N in flight, after a warm-up stream) and RawValues points/s for one
 * client (median of the runs), first with the generated client (one protobuf object per point), then with a
 * columnar client that encodes and decodes arrays ({@link ArrayClient}).
 */
public final class GrpcBenchMain {

    static final int BATCH = 50_000;
    static final long T0 = 1_500_000_000_000_000_000L;
    static final long PERIOD = 8_333_333L;

    private GrpcBenchMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        long points = Long.parseLong(opts.getOrDefault("points", "10000000"));
        int inflight = Integer.parseInt(opts.getOrDefault("inflight", "4"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "8"));
        Path dir = Path.of(opts.getOrDefault("dir", "/tmp/qss-grpc-bench"));
        String target = opts.get("target");
        TimeSeriesStoreImpl store = null;
        StandaloneServer server = null;
        if (target == null) {
            deleteTree(dir);
            store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults());
            server = StandaloneServer.start("127.0.0.1", 0, store, new AllowAll());
            target = "127.0.0.1:" + server.port();
        }
        String[] hostPort = target.split(":");
        ManagedChannel channel = NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1]))
                .usePlaintext()
                .maxInboundMessageSize(64 << 20)
                .build();
        try {
            BTrDBGrpc.BTrDBBlockingStub blocking = withKey(BTrDBGrpc.newBlockingStub(channel), opts.get("key"));
            BTrDBGrpc.BTrDBFutureStub future = withKey(BTrDBGrpc.newFutureStub(channel), opts.get("key"));
            UUID warmup = create(blocking, "warmup");
            insertBench(future, warmup, Long.parseLong(opts.getOrDefault("warmup", "5000000")), inflight, "warmup");
            UUID id = create(blocking, "L1MAG");
            insertBench(future, id, points, inflight, "grpc");
            blocking.flush(FlushParams.newBuilder().setUuid(bytes(id)).build());
            rawBench(blocking, id, points, runs);
            ArrayBench arrays = new ArrayBench(channel, opts.get("key"));
            arrays.insert(create(blocking, "arrays"), points, inflight);
            arrays.raw(bytes(id).toByteArray(), T0, T0 + points * PERIOD, points, runs);
        } finally {
            channel.shutdownNow();
            if (server != null) {
                server.close();
                store.close();
                deleteTree(dir);
            }
        }
    }

    private static UUID create(BTrDBGrpc.BTrDBBlockingStub stub, String name) {
        UUID id = UUID.randomUUID();
        check(stub.create(CreateParams.newBuilder()
                        .setUuid(bytes(id))
                        .setCollection("upmu/bench")
                        .addTags(KeyOptValue.newBuilder()
                                .setKey("name")
                                .setVal(OptValue.newBuilder().setValue(name)))
                        .build())
                .getStat());
        return id;
    }

    private static void insertBench(BTrDBGrpc.BTrDBFutureStub stub, UUID id, long points, int inflight, String name)
            throws Exception {
        ArrayDeque<ListenableFuture<InsertResponse>> pending = new ArrayDeque<>();
        long start = System.nanoTime();
        for (long sent = 0; sent < points; sent += BATCH) {
            InsertParams.Builder insert = InsertParams.newBuilder().setUuid(bytes(id));
            RawPoint.Builder point = RawPoint.newBuilder();
            for (int i = 0; i < BATCH; i++) {
                long n = sent + i;
                insert.addValues(point.setTime(T0 + n * PERIOD).setValue(Math.sin(n * 0.001) * 120.0));
            }
            pending.add(stub.insert(insert.build()));
            while (pending.size() >= inflight) {
                check(pending.poll().get().getStat());
            }
        }
        while (!pending.isEmpty()) {
            check(pending.poll().get().getStat());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "%s_insert_points=%d%n%s_insert_inflight=%d%n%s_insert_points_per_s=%.0f%n",
                name, points, name, inflight, name, points / seconds);
    }

    private static void rawBench(BTrDBGrpc.BTrDBBlockingStub stub, UUID id, long points, int runs) {
        double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            long received = 0;
            Iterator<RawValuesResponse> it = stub.rawValues(RawValuesParams.newBuilder()
                    .setUuid(bytes(id))
                    .setStart(T0)
                    .setEnd(T0 + points * PERIOD)
                    .build());
            while (it.hasNext()) {
                RawValuesResponse message = it.next();
                check(message.getStat());
                received += message.getValuesCount();
            }
            rates[r] = received / ((System.nanoTime() - start) / 1e9);
            if (received != points) {
                throw new IllegalStateException("raw query incomplete [expected=" + points + ", got=" + received + "]");
            }
            System.out.printf("grpc_raw_run_%d_points_per_s=%.0f%n", r + 1, rates[r]);
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "grpc_raw_points=%d%ngrpc_raw_points_per_s_median=%.0f%ngrpc_raw_points_per_s_max=%.0f%n",
                points, sorted[runs / 2], sorted[runs - 1]);
    }

    public static void check(io.qss.api.grpc.internal.v5api.Status stat) {
        if (stat.getCode() != 0) {
            throw new IllegalStateException("call failed [code=" + stat.getCode() + ", msg=" + stat.getMsg() + "]");
        }
    }

    public static <S extends AbstractStub<S>> S withKey(S stub, String key) {
        if (key == null) {
            return stub;
        }
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    public static ByteString bytes(UUID id) {
        return ByteString.copyFrom(ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .flip());
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            out.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return out;
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
