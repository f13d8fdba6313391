// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches qss while the fleet sends: {@code GET /status} every 250 ms (an answer must come within 1 s; the first poll
 * only warms the client up), and on a second thread the server's heap in use every 2 s ({@code jcmd <pid> GC.heap_info}, pid from {@code karaf.pid}; garbage included,
 * so an upper bound), and sync's backlog and the store's buffers from {@code /health}. Thread-safe figures.
 */
final class StatusProbe implements Runnable {

    private static final long POLL_MILLIS = 250;
    private static final Duration STATUS_LIMIT = Duration.ofSeconds(1);
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private static final Pattern SYNC_PENDING = Pattern.compile("\"pending\":(\\d+)");
    private static final Pattern BEHIND = Pattern.compile("\"oldestPendingMinutes\":(\\d+)");
    private static final Pattern SYNC_RATE = Pattern.compile("\"pointsPerSecond\":(\\d+)");
    private static final Pattern BUFFERED = Pattern.compile("\"bufferedMB\":(\\d+)");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(STATUS_LIMIT).build();
    private final String rest;
    private final Path home;
    private volatile long maxStatusMillis;
    private volatile int slowOrFailed;
    private volatile int answered;
    private volatile long peakHeapBytes;
    private volatile long peakBufferedMb;
    private volatile long syncPending = -1;
    private volatile long behindMinutes;
    private volatile long syncRate;
    private volatile long peakSyncRate;

    StatusProbe(String rest, Path home) {
        this.rest = rest;
        this.home = home;
    }

    /** Polls {@code /status} on this thread; the slower figures come from a second thread, so they never delay it. */
    @Override
    public void run() {
        Thread figures = new Thread(this::pollFigures, "status-probe-figures");
        figures.setDaemon(true);
        figures.start();
        pollStatus(false);
        while (!Thread.currentThread().isInterrupted()) {
            long started = System.nanoTime();
            pollStatus(true);
            long sleep = POLL_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            try {
                Thread.sleep(Math.max(1, sleep));
            } catch (InterruptedException e) {
                break;
            }
        }
        figures.interrupt();
    }

    private void pollFigures() {
        while (!Thread.currentThread().isInterrupted()) {
            pollHealth();
            pollHeap();
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One poll; {@code isCounted} false for the first, which warms this client up (class loading, connection). */
    private void pollStatus(boolean isCounted) {
        long started = System.nanoTime();
        boolean isOk;
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(rest + "/status"))
                            .timeout(STATUS_LIMIT)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            isOk = r.statusCode() == 200;
        } catch (IOException e) {
            isOk = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (!isCounted) {
            return;
        }
        maxStatusMillis = Math.max(maxStatusMillis, millis);
        answered++;
        if (!isOk || millis > STATUS_LIMIT.toMillis()) {
            slowOrFailed++;
            // the wall-clock time, to be matched with the server's collector log
            System.out.printf("/status %s after %d ms at %s%n", isOk ? "answered" : "failed", millis, LocalTime.now());
        }
    }

    private void pollHealth() {
        try {
            String body = http.send(
                            HttpRequest.newBuilder(URI.create(rest + "/health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            syncPending = figure(SYNC_PENDING, body, syncPending);
            behindMinutes = figure(BEHIND, body, behindMinutes);
            syncRate = figure(SYNC_RATE, body, syncRate);
            peakSyncRate = Math.max(peakSyncRate, syncRate);
            peakBufferedMb = Math.max(peakBufferedMb, figure(BUFFERED, body, 0));
        } catch (IOException e) {
            // counted by the /status poll
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long figure(Pattern p, String body, long otherwise) {
        Matcher m = p.matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : otherwise;
    }

    private void pollHeap() {
        try {
            String pid = Files.readString(home.resolve("karaf.pid")).trim();
            Process p = new ProcessBuilder("jcmd", pid, "GC.heap_info")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            Matcher m = HEAP_USED.matcher(out);
            if (m.find()) {
                peakHeapBytes = Math.max(peakHeapBytes, Long.parseLong(m.group(1)) * 1024);
            }
        } catch (IOException e) {
            // no pid file or no jcmd: the heap figure stays 0
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Files spooled and not yet synced (sync's health), -1 before the first answer. */
    long syncPending() {
        return syncPending;
    }

    String summary() {
        return String.format(
                "status: polls=%d max=%dms over1sOrFailed=%d; server heap peak=%dMB; store buffers "
                        + "peak=%dMB; sync pending=%d behind=%dmin points/s (last minute)=%d peak=%d",
                answered,
                maxStatusMillis,
                slowOrFailed,
                peakHeapBytes >> 20,
                peakBufferedMb,
                syncPending,
                behindMinutes,
                syncRate,
                peakSyncRate);
    }

    boolean isResponsive() {
        return answered > 0 && slowOrFailed == 0;
    }
}
