// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import io.qss.api.grpc.internal.v5api.InfoParams;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean stop ({@code bin/stop}) of a distribution whose listeners have all served prints no stack trace: no
 * thread of a stopped bundle (gRPC's event loops, executors) may outlive it and die with
 * {@code NoClassDefFoundError}.
 */
class CleanStopIT {

    @TempDir
    Path dir;

    @Test
    void givenServingDistribution_whenStoppedCleanly_thenNoExceptionOrErrorIsLoggedOrPrinted() throws Exception {
        try (Distribution qss = Distribution.unpack(dir)) {
            qss.start();
            exerciseListeners(qss);
            Path log = qss.home.resolve("data/log/karaf.log");
            Path console = qss.home.resolve("console.out");
            long logFrom = Files.size(log);
            long consoleFrom = Files.size(console);
            long began = System.nanoTime();
            qss.stop();
            System.out.printf("clean_stop_s=%.2f%n", (System.nanoTime() - began) / 1e9);
            List<String> problems = problemLines(log, logFrom);
            problems.addAll(problemLines(console, consoleFrom));
            assertTrue(problems.isEmpty(), "a clean stop printed: " + String.join("\n", problems));
        }
    }

    /** One request to each listener, so their threads exist when the container stops. */
    private static void exerciseListeners(Distribution qss) throws Exception {
        String health = qss.get("/health");
        assertTrue(health.contains("\"grpc\":{\"state\":\"UP\""), health);
        assertTrue(health.contains("\"plotter\":{\"state\":\"UP\""), "the plotter's probe finds itself: " + health);
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", qss.grpcPort)
                .usePlaintext()
                .build();
        try {
            assertEquals(
                    5,
                    BTrDBGrpc.newBlockingStub(channel)
                            .info(InfoParams.getDefaultInstance())
                            .getMajorVersion());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(qss.plotterUrl() + "/api/session"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
    }

    /** Lines written after {@code from} that report an exception or error (stack frames included). */
    private static List<String> problemLines(Path file, long from) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(Math.min(from, in.length()));
            byte[] rest = new byte[(int) (in.length() - in.getFilePointer())];
            in.readFully(rest);
            return new String(rest, StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> line.contains("Exception")
                            || line.contains("Error")
                            || line.contains("| ERROR |")
                            || line.startsWith("\tat "))
                    .collect(Collectors.toCollection(ArrayList::new));
        }
    }
}
