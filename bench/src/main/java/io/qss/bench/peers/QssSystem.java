// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.qss.api.grpc.internal.StandaloneServer;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import io.qss.api.grpc.internal.v5api.CreateParams;
import io.qss.api.grpc.internal.v5api.FlushParams;
import io.qss.api.grpc.internal.v5api.InsertResponse;
import io.qss.api.grpc.internal.v5api.KeyOptValue;
import io.qss.api.grpc.internal.v5api.NearestParams;
import io.qss.api.grpc.internal.v5api.NearestResponse;
import io.qss.api.grpc.internal.v5api.OptValue;
import io.qss.api.grpc.internal.v5api.RawValuesParams;
import io.qss.api.grpc.internal.v5api.WindowsParams;
import io.qss.api.grpc.internal.v5api.WindowsResponse;
import io.qss.bench.grpc.AllowAll;
import io.qss.bench.grpc.ArrayClient;
import io.qss.bench.grpc.GrpcBenchMain;
import io.qss.store.api.TimeSeriesStore;
import io.qss.store.file.FileVolumes;
import io.qss.store.internal.StoreOptions;
import io.qss.store.internal.TimeSeriesStoreImpl;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * qss's store behind its gRPC listener (the distribution's listener and engine, started in this JVM on a fresh
 * directory), called over loopback: Inserts encoded from arrays ({@link ArrayClient}), {@value #INFLIGHT} in
 * flight per client, each a stream's {@value #POINTS_PER_INSERT} points; Windows, RawValues and Nearest calls.
 * The store's defaults: every acknowledged Insert is fsynced in the write-ahead log.
 */
final class QssSystem implements BenchedSystem {

    static final int POINTS_PER_INSERT = 36_000;
    static final int INFLIGHT = 4;
    private static final UUID SPAN = new UUID(0x5155, 0x5350414eL);

    private final Path dir;
    private final List<UUID> upmuStreams = new ArrayList<>();
    private TimeSeriesStoreImpl store;
    private StandaloneServer server;
    private ManagedChannel channel;
    private BTrDBGrpc.BTrDBBlockingStub stub;
    private BTrDBGrpc.BTrDBFutureStub futureStub;

    QssSystem(Path dir) {
        this.dir = dir;
    }

    @Override
    public String durability() {
        return "write-ahead log fsynced before each Insert is acknowledged (store default)";
    }

    @Override
    public void start() throws Exception {
        Disk.deleteTree(dir);
        open();
        for (int d = 0; d < Workload.DEVICES; d++) {
            for (var channelName : Workload.CHANNELS) {
                UUID id = new UUID(0x5155, d * 100L + channelName.ordinal());
                create(id, "upmu/" + Workload.serial(d), channelName.name());
                upmuStreams.add(id);
            }
        }
        create(SPAN, "bench/span", "v");
    }

    @Override
    public void ingestUpmu(Workload workload, int threads) throws Exception {
        int chunks = (workload.upmuSamples() + POINTS_PER_INSERT - 1) / POINTS_PER_INSERT;
        int streams = upmuStreams.size();
        insert(
                threads,
                chunks * streams,
                workload.upmuSamples(),
                request -> upmuStreams.get(request % streams),
                request -> request / streams,
                request -> {
                    int s = request % streams;
                    return workload.upmu[s / Workload.CHANNELS.size()][s % Workload.CHANNELS.size()];
                });
    }

    @Override
    public void awaitVisible(Workload workload) {
        // An acknowledged Insert is queryable.
    }

    @Override
    public void loadSpan(Workload workload, int threads) throws Exception {
        int chunks = (workload.span.length + POINTS_PER_INSERT - 1) / POINTS_PER_INSERT;
        insert(threads, chunks, workload.span.length, request -> SPAN, request -> request, request -> workload.span);
    }

    /** Flushes every stream's buffered commits into its tree (what a restart or the commit age would do). */
    @Override
    public void compact() {
        for (UUID id : upmuStreams) {
            flush(id);
        }
        flush(SPAN);
    }

    @Override
    public long bytesOnDisk() throws Exception {
        return Disk.allocatedBytes(dir);
    }

    @Override
    public long windows(Workload workload, int count) {
        long start = Workload.time(0);
        Iterator<WindowsResponse> answers = stub.windows(WindowsParams.newBuilder()
                .setUuid(GrpcBenchMain.bytes(SPAN))
                .setStart(start)
                .setEnd(workload.spanEnd())
                .setWidth((workload.spanEnd() - start) / count)
                .build());
        long windows = 0;
        while (answers.hasNext()) {
            WindowsResponse answer = answers.next();
            GrpcBenchMain.check(answer.getStat());
            windows += answer.getValuesCount();
        }
        return windows;
    }

    @Override
    public long raw(long from, long to) {
        Iterator<ArrayClient.Points> answers = ArrayClient.rawValues(
                channel,
                CallOptions.DEFAULT,
                RawValuesParams.newBuilder()
                        .setUuid(GrpcBenchMain.bytes(SPAN))
                        .setStart(from)
                        .setEnd(to)
                        .build());
        long points = 0;
        while (answers.hasNext()) {
            ArrayClient.Points answer = answers.next();
            if (answer.code() != 0) {
                throw new IllegalStateException("raw query failed [code=" + answer.code() + "]");
            }
            points += answer.count();
        }
        return points;
    }

    /** The 26 Nearest calls are in flight together, as one query asks a peer for all of them. */
    @Override
    public long latest(Workload workload) throws Exception {
        List<ListenableFuture<NearestResponse>> answers = new ArrayList<>();
        for (UUID id : upmuStreams) {
            answers.add(futureStub.nearest(NearestParams.newBuilder()
                    .setUuid(GrpcBenchMain.bytes(id))
                    .setTime(TimeSeriesStore.MAX_TIME - 1)
                    .setBackward(true)
                    .build()));
        }
        long values = 0;
        for (ListenableFuture<NearestResponse> answer : answers) {
            GrpcBenchMain.check(answer.get().getStat());
            values += answer.get().hasValue() ? 1 : 0;
        }
        return values;
    }

    @Override
    public void restart() throws Exception {
        close();
        open();
    }

    @Override
    public void close() throws Exception {
        if (channel != null) {
            channel.shutdownNow();
            server.close();
            store.close();
            channel = null;
        }
    }

    private void open() throws Exception {
        store = TimeSeriesStoreImpl.open(FileVolumes.open(dir), StoreOptions.defaults());
        server = StandaloneServer.start("127.0.0.1", 0, store, new AllowAll());
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .maxInboundMessageSize(64 << 20)
                .build();
        stub = BTrDBGrpc.newBlockingStub(channel);
        futureStub = BTrDBGrpc.newFutureStub(channel);
    }

    private void create(UUID id, String collection, String name) {
        GrpcBenchMain.check(stub.create(CreateParams.newBuilder()
                        .setUuid(GrpcBenchMain.bytes(id))
                        .setCollection(collection)
                        .addTags(KeyOptValue.newBuilder()
                                .setKey("name")
                                .setVal(OptValue.newBuilder().setValue(name)))
                        .build())
                .getStat());
    }

    private void flush(UUID id) {
        GrpcBenchMain.check(stub.flush(FlushParams.newBuilder()
                        .setUuid(GrpcBenchMain.bytes(id))
                        .build())
                .getStat());
    }

    /**
     * Sends Inserts 0..count-1 in order from {@code threads} clients: Insert r goes to stream {@code stream(r)} with
     * samples from chunk {@code chunk(r)} of {@code values(r)}.
     */
    private void insert(
            int threads,
            int count,
            int samples,
            IntFunction<UUID> stream,
            IntUnaryOperator chunk,
            IntFunction<float[]> values)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                clients.add(pool.submit(() -> {
                    long[] times = new long[POINTS_PER_INSERT];
                    double[] doubles = new double[POINTS_PER_INSERT];
                    ArrayDeque<Future<InsertResponse>> pending = new ArrayDeque<>();
                    for (int r = next.getAndIncrement(); r < count; r = next.getAndIncrement()) {
                        int from = chunk.applyAsInt(r) * POINTS_PER_INSERT;
                        int n = Math.min(POINTS_PER_INSERT, samples - from);
                        float[] source = values.apply(r);
                        for (int i = 0; i < n; i++) {
                            times[i] = Workload.time(from + i);
                            doubles[i] = source[from + i];
                        }
                        byte[] request = ArrayClient.encodeInsert(
                                GrpcBenchMain.bytes(stream.apply(r)).toByteArray(), times, doubles, n);
                        pending.add(ClientCalls.futureUnaryCall(
                                channel.newCall(ArrayClient.INSERT, CallOptions.DEFAULT), request));
                        while (pending.size() >= INFLIGHT) {
                            GrpcBenchMain.check(pending.poll().get().getStat());
                        }
                    }
                    while (!pending.isEmpty()) {
                        GrpcBenchMain.check(pending.poll().get().getStat());
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
