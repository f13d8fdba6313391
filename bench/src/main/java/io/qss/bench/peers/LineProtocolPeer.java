// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

import io.qss.dat.DatStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A peer written with Influx line protocol over HTTP, each peer's documented fast path for a client of this kind.
 * The uPMU data is written wide, a line per device and sample with the 13 channels as fields
 * ({@code upmu,device=P3500000 L1MAG=7199.8,...}); the long stream is {@code span v=...}. Requests carry
 * {@value #LINES_PER_REQUEST} lines; {@code threads} clients send at once, each formatting its own requests.
 */
abstract class LineProtocolPeer implements BenchedSystem {

    static final int LINES_PER_REQUEST = 10_000;

    final Path dir;
    final Http http;

    LineProtocolPeer(Path dir, int port) {
        this.dir = dir;
        this.http = new Http(port);
    }

    /** The write path with its query parameters, e.g. {@code /write?db=bench&precision=ns}. */
    abstract String writePath();

    @Override
    public void ingestUpmu(Workload workload, int threads) throws Exception {
        int requestsPerDevice = (workload.upmuSamples() + LINES_PER_REQUEST - 1) / LINES_PER_REQUEST;
        send(threads, requestsPerDevice * Workload.DEVICES, (request, out) -> {
            int device = request % Workload.DEVICES;
            int from = request / Workload.DEVICES * LINES_PER_REQUEST;
            int to = Math.min(workload.upmuSamples(), from + LINES_PER_REQUEST);
            for (int i = from; i < to; i++) {
                upmuLine(out, workload, device, i);
            }
        });
    }

    @Override
    public void loadSpan(Workload workload, int threads) throws Exception {
        int requests = (workload.span.length + LINES_PER_REQUEST - 1) / LINES_PER_REQUEST;
        send(threads, requests, (request, out) -> {
            int from = request * LINES_PER_REQUEST;
            int to = Math.min(workload.span.length, from + LINES_PER_REQUEST);
            for (int i = from; i < to; i++) {
                LineProtocol.appendFloat(out.append("span v="), workload.span[i])
                        .append(' ')
                        .append(Workload.time(i))
                        .append('\n');
            }
        });
    }

    static void upmuLine(StringBuilder out, Workload workload, int device, int sample) {
        out.append("upmu,device=").append(Workload.serial(device)).append(' ');
        for (DatStream channel : Workload.CHANNELS) {
            if (channel.ordinal() > 0) {
                out.append(',');
            }
            out.append(channel.name()).append('=');
            LineProtocol.appendFloat(out, workload.upmu[device][channel.ordinal()][sample]);
        }
        out.append(' ').append(Workload.time(sample)).append('\n');
    }

    /** Formats a request body for request number {@code index}. */
    interface Body {
        void write(int index, StringBuilder out);
    }

    /** Sends requests 0..count-1 in order from {@code threads} clients; the first failure fails the run. */
    private void send(int threads, int count, Body body) throws IOException, InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                clients.add(pool.submit(() -> {
                    StringBuilder out = new StringBuilder(LINES_PER_REQUEST * 200);
                    for (int r = next.getAndIncrement(); r < count; r = next.getAndIncrement()) {
                        out.setLength(0);
                        body.write(r, out);
                        http.post(writePath(), out.toString().getBytes(StandardCharsets.US_ASCII));
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } catch (ExecutionException e) {
            throw new IOException("write failed [peer=" + getClass().getSimpleName() + "]", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
