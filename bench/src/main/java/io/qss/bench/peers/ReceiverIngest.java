// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

import io.qss.bench.ingest.Fleet;
import io.qss.dat.DatStream;
import io.qss.dat.tools.send.UpmuSender;
import io.qss.dat.tools.send.UpmuSenderOptions;
import io.qss.dat.tools.send.UpmuSenders;
import io.qss.dat.tools.sim.SyntheticDat;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * qss's ingest through its uPMU receiver, against a running distribution: the workload's two devices are registered
 * through {@code bin/qss-console}, their one-minute .dat files (the same simulator, seeds and times as the
 * {@link Workload}, so the same values) are generated before the clock starts, then each device sends its files in
 * order over its own connection. The clock stops when the REST API returns the last record of both devices on the
 * stream written last: points per second from the first byte sent to queryable.
 */
final class ReceiverIngest {

    /** Where the running distribution is and listens. */
    record Target(Path home, String host, int port, String rest) {}

    private static final int FILE_SECONDS = 60;

    private ReceiverIngest() {}

    static double pointsPerSecond(Target target, Workload workload) throws Exception {
        Fleet.register(target.home(), Workload.DEVICES, 0);
        Map<String, UUID> uuids = Fleet.streams(target.home());
        int files = workload.hours * 3600 / FILE_SECONDS;
        byte[][][] data = new byte[Workload.DEVICES][files][];
        for (int d = 0; d < Workload.DEVICES; d++) {
            SyntheticDat sim = SyntheticDats.generator(SyntheticDatOptions.of(d, false));
            for (int f = 0; f < files; f++) {
                data[d][f] = sim.generateFile(Workload.START_SECOND + (long) f * FILE_SECONDS, FILE_SECONDS);
            }
        }
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Workload.DEVICES);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int d = 0; d < Workload.DEVICES; d++) {
                int device = d;
                senders.add(pool.submit(() -> send(target, device, data[device])));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long lastRecord = (Workload.START_SECOND + (long) files * FILE_SECONDS - 1) * 1_000_000_000L;
        List<DatStream> streams = DatStream.streams(false);
        for (int d = 0; d < Workload.DEVICES; d++) {
            UUID last = uuids.get("/upmu/" + Fleet.alias(d) + "/"
                    + streams.get(streams.size() - 1).name());
            if (last == null) {
                throw new IOException("device's streams not registered [alias=" + Fleet.alias(d) + "]");
            }
            awaitQueryable(target.rest(), last, lastRecord);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return (double) Workload.DEVICES * streams.size() * files * FILE_SECONDS * Workload.RATE / seconds;
    }

    private static Void send(Target target, int device, byte[][] files) throws IOException {
        try (UpmuSender sender =
                UpmuSenders.sender(UpmuSenderOptions.of(target.host(), target.port(), Workload.serial(device)))) {
            for (int f = 0; f < files.length; f++) {
                long second = Workload.START_SECOND + (long) f * FILE_SECONDS;
                if (!sender.sendOnce(SyntheticDat.relativePath(Workload.serial(device), second), files[f])) {
                    throw new IOException(
                            "file not acknowledged [serial=" + Workload.serial(device) + ", file=" + f + "]");
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("sender failed [serial=" + Workload.serial(device) + "]", e);
        }
        return null;
    }

    /** Polls {@code /q/nearest} backwards from after {@code lastRecord} until it returns a point at or after it. */
    private static void awaitQueryable(String rest, UUID stream, long lastRecord) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        rest + "/q/nearest/" + stream + "?time=" + (lastRecord + 1_000_000_000L) + "&backwards=true"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body().trim();
            if (response.statusCode() == 200
                    && body.startsWith("[")
                    && Long.parseLong(body.substring(1, body.indexOf(',')).trim()) >= lastRecord) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException("last record not queryable after 600 s [stream=" + stream + ", time=" + lastRecord + "]");
    }
}
