// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qss:backup} while points arrive over REST, then {@code qss:restore --yes}: the data is exactly the
 * snapshot's (every point acknowledged before the backup started, none written after it ended, no partial batch)
 * and a configuration file changed after the backup is the backup's again (live too; the changed one is saved);
 * then {@code bin/qss-get --newdb} leaves the data alone when the user types {@code n} and empties it on {@code y}.
 */
class BackupIT {

    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final int BATCH = 10;
    private static final long STRIDE = 1_000_000;
    private static final Pattern TIME = Pattern.compile("\\[(\\d{19}),");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile Throwable writerFailure;
    private Distribution qss;
    private String key;
    private final UUID stream = UUID.randomUUID();

    @Test
    void givenIngestDuringBackup_whenRestored_thenDataIsTheSnapshotsAndNewdbEmptiesIt() throws Exception {
        try (Distribution distribution = Distribution.unpack(dir.resolve("dist"))) {
            qss = distribution;
            qss.start();
            key = qss.createWriteKey("itest-backup").secret();
            qss.insertProbe("before-backup");
            Thread writer = new Thread(this::write, "backup-it-writer");
            writer.start();
            awaitAcked(20);

            int ackedBefore = acked.get();
            Path backup = dir.resolve("backup");
            long t = System.nanoTime();
            Distribution.CommandResult made = qss.console("qss:backup " + backup);
            double backupSeconds = (System.nanoTime() - t) / 1e9;
            int startedAfter = started.get() + 1;
            assertEquals(0, made.exitCode(), made.output());
            System.out.printf(
                    "backup_s=%.2f acked_before=%d %s%n",
                    backupSeconds, ackedBefore, made.output().strip());
            assertTrue(Files.isRegularFile(backup.resolve("MANIFEST")));
            qss.insertProbe("after-backup");
            Path upsConfig = qss.home.resolve("etc/io.qss.ups.cfg");
            String configAtBackup = Files.readString(upsConfig);
            qss.appendConfig("etc/io.qss.ups.cfg", "itestMarker = after-backup\n");
            awaitProperty("itestMarker", true);
            awaitAcked(startedAfter + 10);
            stop.set(true);
            writer.join();
            assertNull(writerFailure, () -> "writer failed: " + writerFailure);

            Distribution.CommandResult refused = qss.console("qss:backup " + qss.data.resolve("inside"));
            assertNotEquals(0, refused.exitCode(), refused.output());

            t = System.nanoTime();
            Distribution.CommandResult restored = qss.console("qss:restore --yes " + backup);
            System.out.printf(
                    "restore_s=%.2f %s%n",
                    (System.nanoTime() - t) / 1e9, restored.output().strip());
            assertEquals(0, restored.exitCode(), restored.output());
            assertEquals("OK", qss.status());
            Map<Integer, Integer> batches = batches();
            for (int b = 1; b <= ackedBefore; b++) {
                assertEquals(BATCH, batches.getOrDefault(b, 0), "acknowledged batch " + b + " missing");
            }
            batches.forEach((b, n) -> assertEquals(BATCH, n, "partial batch " + b));
            assertTrue(
                    batches.keySet().stream().allMatch(b -> b < startedAfter),
                    () -> "batches written after the backup survived: " + batches.keySet());
            assertNotNull(qss.findProbe("before-backup"));
            assertNull(qss.findProbe("after-backup"));
            assertTrue(restored.output().contains("etc/ restored [replaced="), restored.output());
            assertEquals(configAtBackup, Files.readString(upsConfig), "etc/ not put back");
            assertTrue(Files.readString(savedBeforeRestore("io.qss.ups.cfg")).contains("itestMarker"));
            awaitProperty("itestMarker", false);

            Distribution.CommandResult kept = qss.runWithInput(List.of("bin/qss-get", "--newdb"), "n\n");
            assertTrue(kept.output().contains("cancelled"), kept.output());
            assertNotNull(qss.findProbe("before-backup"));
            Distribution.CommandResult wiped = qss.runWithInput(List.of("bin/qss-get", "--newdb"), "y\n");
            assertEquals(0, wiped.exitCode(), wiped.output());
            System.out.println("newdb: " + wiped.output().strip());
            assertEquals("OK", qss.status());
            String health = qss.get("/health");
            assertTrue(health.contains("\"streams\":0"), health);
            assertNull(qss.findProbe("before-backup"));
            qss.stop();
        }
    }

    /** Waits (10 s at most) until the live configuration of io.qss.ups has, or no longer has, {@code key}. */
    private void awaitProperty(String key, boolean isPresent) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String listed = qss.console("config:property-list --pid io.qss.ups").output();
        while (listed.contains(key) != isPresent && System.nanoTime() < deadline) {
            LockSupport.parkNanos(200_000_000);
            listed = qss.console("config:property-list --pid io.qss.ups").output();
        }
        assertEquals(isPresent, listed.contains(key), listed);
    }

    /** The copy qss:restore kept of a configuration file it replaced (under the container's data/qss-restore/). */
    private Path savedBeforeRestore(String name) throws Exception {
        try (var files = Files.walk(qss.home.resolve("data/qss-restore"))) {
            return files.filter(f -> f.getFileName().toString().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no saved " + name));
        }
    }

    private void write() {
        try {
            for (int b = 1; !stop.get(); b++) {
                started.set(b);
                StringBuilder readings = new StringBuilder();
                for (int i = 0; i < BATCH; i++) {
                    readings.append(i == 0 ? "" : ",")
                            .append('[')
                            .append(T0 + b * STRIDE + i)
                            .append(',')
                            .append(b)
                            .append(']');
                }
                HttpResponse<String> r =
                        post("/data/add/key", "{\"uuid\": \"" + stream + "\", \"Readings\": [" + readings + "]}");
                if (!r.body().startsWith("OK " + BATCH + " records")) {
                    throw new IllegalStateException("insert refused [batch=" + b + ", answer=" + r.body() + "]");
                }
                acked.set(b);
            }
        } catch (Exception e) {
            writerFailure = e;
        }
    }

    private void awaitAcked(int batches) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (acked.get() < batches && writerFailure == null && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000);
        }
        assertTrue(acked.get() >= batches, () -> "writer stalled at " + acked.get() + ", " + writerFailure);
    }

    /** Points per batch in the stream (batch b holds the times T0 + b*STRIDE + 0..BATCH-1). */
    private Map<Integer, Integer> batches() throws Exception {
        String range = "?starttime=" + T0 + "&endtime=" + (T0 + 1_000_000 * STRIDE) + "&unitoftime=ns";
        String body = http.send(
                        request("/data/uuid/" + stream + range).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Map<Integer, Integer> batches = new TreeMap<>();
        Matcher m = TIME.matcher(body);
        while (m.find()) {
            batches.merge((int) ((Long.parseLong(m.group(1)) - T0) / STRIDE), 1, Integer::sum);
        }
        assertTrue(!batches.isEmpty(), body);
        return batches;
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + qss.restPort + path))
                .header("authorization", "Bearer " + key);
    }
}
