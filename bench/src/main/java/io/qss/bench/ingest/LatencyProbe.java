// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * Polls the REST API every 20 ms for sampled files until their last sample is queryable, and keeps the
 * ack-to-queryable latencies. Thread-safe.
 */
final class LatencyProbe implements Runnable {

    private static final long POLL_NANOS = 20_000_000L;
    private static final long GIVE_UP_NANOS = 120_000_000_000L;

    private record Probe(UUID uuid, long lastSample, long ackNanos, long dueNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(dueNanos, ((Probe) o).dueNanos);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final DelayQueue<Probe> queue = new DelayQueue<>();
    private final List<Long> latenciesMillis = Collections.synchronizedList(new ArrayList<>());
    private final String rest;
    private volatile int lost;

    LatencyProbe(String rest) {
        this.rest = rest;
    }

    void acked(UUID uuid, long lastSample, long ackNanos) {
        queue.add(new Probe(uuid, lastSample, ackNanos, System.nanoTime()));
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Probe p = queue.take();
                long now = System.nanoTime();
                if (isVisible(p)) {
                    latenciesMillis.add((now - p.ackNanos()) / 1_000_000);
                } else if (now - p.ackNanos() > GIVE_UP_NANOS) {
                    lost++;
                } else {
                    queue.add(new Probe(p.uuid(), p.lastSample(), p.ackNanos(), now + POLL_NANOS));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isVisible(Probe p) {
        try {
            // lastSample is the start of the file's last record: any point at or after it (and before the next
            // file) means the last stream of this file is stored, and sync inserts each stream in one call.
            HttpRequest r = HttpRequest.newBuilder(URI.create(rest + "/q/nearest/" + p.uuid() + "?time="
                            + (p.lastSample() + 1_000_000_000L) + "&backwards=true"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
            String body = response.body().trim();
            if (response.statusCode() != 200 || !body.startsWith("[")) {
                return false;
            }
            return Long.parseLong(body.substring(1, body.indexOf(',')).trim()) >= p.lastSample();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** Sorted copy of the latencies so far, ms. */
    List<Long> latencies() {
        List<Long> copy;
        synchronized (latenciesMillis) {
            copy = new ArrayList<>(latenciesMillis);
        }
        Collections.sort(copy);
        return copy;
    }

    int pending() {
        return queue.size();
    }

    int lost() {
        return lost;
    }
}
