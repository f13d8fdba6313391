// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.core.testing.SmallVolume;
import io.qss.dat.DatCodecs;
import io.qss.dat.DatColumns;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole qss data directory on a small tmpfs, filled to the last byte while qss runs: every write path (uPMU
 * files, REST inserts, API keys, the device registry, plotter permalinks) fails cleanly, /health names the components
 * whose writes fail, the server keeps running; once the filler is deleted, every component is UP again and every
 * write path works within 60 s without a restart, and every point acknowledged before and after is stored point for
 * point. Needs root to mount the tmpfs; skipped otherwise.
 */
class FullDiskIT {

    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);
    private static final long START = 1_790_100_000L;
    private static final long T0 = 1_790_000_000_000_000_000L;
    private static final String SERIAL = "P3600000";
    private static final String ALIAS = "disk0";
    private static final List<String> OWN_LOGGERS =
            List.of("DurableBackend", "MongoComponent", "H2File", "WriteHealth");
    private static final Pattern STATE = Pattern.compile("\"([a-z]+)\":\\{\"state\":\"([A-Z]+)\"");

    @TempDir
    Path dir;

    @RegisterExtension
    final SmallVolume volume = SmallVolume.ofSize("192m");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<byte[]> ackedFiles = new ArrayList<>();
    private final Map<Long, Double> ackedRestPoints = new LinkedHashMap<>();
    private final UUID restStream = UUID.randomUUID();
    private final SyntheticDat sim = SyntheticDats.generator(SyntheticDatOptions.of(SERIAL.hashCode(), false));
    private long nextFileStart = START;
    private long nextRestTime = T0;

    @Test
    void givenFullDataVolume_whenSpaceFreed_thenEveryComponentUpAndEveryWritePathWorksWithoutRestartOrLoss()
            throws Exception {
        try (Distribution qss = Distribution.unpack(dir, volume.root().resolve("qss-data"))) {
            qss.start();
            long pid = qss.pid();
            qss.consoleOk("upmu:add 10.0.1.1 " + SERIAL + " " + ALIAS + "; upmu:save");
            Distribution.ApiKey key = qss.createWriteKey("before-full");
            assertTrue(allUp(health(qss)), "every component UP before the test: " + health(qss));
            String permalink = savePermalink(qss);
            for (int i = 0; i < 2; i++) {
                assertTrue(sendFile(qss), "file acknowledged before the disk is full");
                assertTrue(insertRest(qss, key), "REST insert before the disk is full");
            }

            Path filler = volume.fill("filler");
            long errorsBefore = errorLines(qss, "");
            Map<String, Long> ownErrorsBefore = ownErrorLines(qss);
            long fullSince = System.nanoTime();
            List<String> refused = writeWhileFull(qss, key);
            awaitTrue(
                    () -> isDegraded(health(qss), "store")
                            && isDegraded(health(qss), "receiver")
                            && (!refused.contains("apikey") || isDegraded(health(qss), "mongo")),
                    Duration.ofSeconds(30),
                    "health names the components whose writes fail",
                    qss);
            String fullHealth = health(qss);
            for (int round = 0; round < 3; round++) {
                Thread.sleep(5_000);
                writeWhileFull(qss, key);
            }
            double fullSeconds = (System.nanoTime() - fullSince) / 1e9;
            double errorsPerSecond = (errorLines(qss, "") - errorsBefore) / fullSeconds;
            Map<String, Long> ownErrorsByLogger = ownErrorLines(qss);
            ownErrorsByLogger.replaceAll((logger, n) -> n - ownErrorsBefore.get(logger));
            long ownErrors = ownErrorsByLogger.values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            // Each repeating failure of MongoDB and the store is logged at most once a minute, with a count: once
            // when the volume stays full under a minute (a starved machine may take longer over the rounds above).
            long allowed = 1 + (long) (fullSeconds / 60);
            assertTrue(
                    ownErrorsByLogger.values().stream().allMatch(n -> n <= allowed),
                    "ERROR lines of MongoDB and the store while full for " + Math.round(fullSeconds) + " s: "
                            + ownErrorsByLogger);
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the server keeps running");

            Files.delete(filler);
            long freed = System.nanoTime();
            Map<String, Double> upAfter = new LinkedHashMap<>();
            awaitTrue(
                    () -> allUp(upSince(health(qss), freed, upAfter)),
                    RECOVERY_LIMIT,
                    "every component UP after space was freed " + upAfter,
                    qss);
            double healthSeconds = (System.nanoTime() - freed) / 1e9;
            assertTrue(sendFile(qss), "file acknowledged after space was freed");
            assertTrue(insertRest(qss, key), "REST insert after space was freed");
            Distribution.ApiKey after = qss.createWriteKey("after-full");
            qss.consoleOk("upmu:add 10.0.1.2 P3600001 disk1; upmu:save");
            String permalinkAfter = savePermalink(qss);
            double writesSeconds = (System.nanoTime() - freed) / 1e9;
            assertTrue(writesSeconds <= RECOVERY_LIMIT.toSeconds(), "recovered in " + writesSeconds + " s");
            assertEquals(pid, qss.pid(), "no restart");
            System.out.printf(
                    "FullDiskIT: refused while full %s; health while full %s; %.0f s full: ERROR lines"
                            + " %.2f/s in all, %d of MongoDB and the store; every component UP %.1f s (seconds UP after"
                            + " space was freed: %s) and every write path working %.1f s after space was freed%n",
                    refused,
                    fullHealth,
                    fullSeconds,
                    errorsPerSecond,
                    ownErrors,
                    healthSeconds,
                    upAfter,
                    writesSeconds);

            assertStored(qss, key, after);
            assertEquals(
                    200,
                    get(qss.plotterUrl() + "/api/permalinks/" + permalink, null).statusCode());
            assertEquals(
                    200,
                    get(qss.plotterUrl() + "/api/permalinks/" + permalinkAfter, null)
                            .statusCode());
            assertTrue(qss.consoleOk("upmu:list").contains("disk1"), "the device added after recovery is listed");
            qss.stop();
        }
    }

    /** Tries every write path on the full volume; names those that were refused (none may be half done). */
    private List<String> writeWhileFull(Distribution qss, Distribution.ApiKey key) throws Exception {
        List<String> refused = new ArrayList<>();
        if (!sendFile(qss)) {
            refused.add("receiver");
        }
        if (!insertRest(qss, key)) {
            refused.add("rest");
        }
        if (qss.console("qss:apikey -t all -w create while-full").exitCode() != 0) {
            refused.add("apikey");
        }
        if (qss.console("upmu:add 10.0.1.9 P3600009 full9; upmu:save").exitCode() != 0) {
            refused.add("registry");
            qss.console("upmu:rem full9");
        }
        if (postPermalink(qss).statusCode() != 200) {
            refused.add("permalink");
        }
        return refused;
    }

    /** Sends the next one-minute file; true when the receiver acknowledged it (then it must be stored). */
    private boolean sendFile(Distribution qss) {
        byte[] data = sim.generateFile(nextFileStart, 60);
        String path = SyntheticDat.relativePath(SERIAL, nextFileStart);
        nextFileStart += 60;
        try (UpmuSender sender = UpmuSenders.sender(UpmuSenderOptions.of("127.0.0.1", qss.receiverPort, SERIAL))) {
            if (sender.sendOnce(path, data)) {
                ackedFiles.add(data);
                return true;
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** Inserts 100 points over REST; true when acknowledged (then they must be stored). */
    private boolean insertRest(Distribution qss, Distribution.ApiKey key) throws Exception {
        Map<Long, Double> points = new LinkedHashMap<>();
        StringBuilder readings = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            long t = nextRestTime + i * 8_333_333L;
            double v = Math.round(Math.sin(t) * 1e6) / 1e3;
            points.put(t, v);
            readings.append(i == 0 ? "" : ",")
                    .append('[')
                    .append(t)
                    .append(',')
                    .append(v)
                    .append(']');
        }
        nextRestTime += 1_000_000_000L;
        HttpResponse<String> added = post(
                qss,
                "/data/add/key",
                "{\"uuid\": \"" + restStream + "\", \"Readings\": [" + readings + "]}",
                key.secret());
        if (added.statusCode() == 200 && added.body().startsWith("OK 100 records")) {
            ackedRestPoints.putAll(points);
            return true;
        }
        return false;
    }

    private String savePermalink(Distribution qss) throws Exception {
        HttpResponse<String> saved = postPermalink(qss);
        assertEquals(200, saved.statusCode(), saved.body());
        Matcher id = Pattern.compile("\"id\":\\s*\"([0-9a-f]{24})\"").matcher(saved.body());
        assertTrue(id.find(), saved.body());
        return id.group(1);
    }

    private HttpResponse<String> postPermalink(Distribution qss) throws Exception {
        String view = "{\"streams\":[\"" + restStream + "\"],\"start\":\"" + T0 + "\",\"end\":\""
                + (T0 + 60_000_000_000L) + "\",\"zone\":\"UTC\",\"axes\":[]}";
        return http.send(
                HttpRequest.newBuilder(URI.create(qss.plotterUrl() + "/api/permalinks"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(view))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every acknowledged file point for point (count and SHA-256 per stream), every acknowledged REST point. */
    private void assertStored(Distribution qss, Distribution.ApiKey key, Distribution.ApiKey after) throws Exception {
        int files = ackedFiles.size();
        awaitTrue(
                () -> list(qss).matches("(?sm).*^" + ALIAS + " +\\S+ +" + SERIAL + " +base +1 +0 +" + files + " .*"),
                Duration.ofSeconds(90),
                "all " + files + " acknowledged files synced",
                qss);
        List<DatColumns> decoded = new ArrayList<>();
        for (byte[] f : ackedFiles) {
            decoded.add(DatCodecs.decoder().decodeColumns(f, "sent"));
        }
        for (DatStream s : DatStream.streams(false)) {
            String expected = IngestIT.expectedDigest(decoded, s);
            String got = qss.consoleOk("upmu:values --digest " + ALIAS + " " + s.streamName() + " "
                    + START * 1_000_000_000L + " " + nextFileStart * 1_000_000_000L);
            assertTrue(got.contains(expected), s.streamName() + ": expected " + expected + ", got " + got);
        }
        for (Distribution.ApiKey k : List.of(key, after)) {
            String body = get(
                            "http://127.0.0.1:" + qss.restPort + "/data/uuid/" + restStream + "?starttime=" + T0
                                    + "&endtime=" + nextRestTime + "&unitoftime=ns",
                            k.secret())
                    .body();
            Map<Long, Double> found = new LinkedHashMap<>();
            Matcher m = Pattern.compile("\\[(-?\\d+),(-?[0-9.Ee-]+)\\]").matcher(body);
            while (m.find()) {
                found.put(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)));
            }
            assertEquals(ackedRestPoints, found, "every acknowledged REST point, read with key " + k.id());
        }
    }

    private static String list(Distribution qss) {
        try {
            return qss.consoleOk("upmu:list");
        } catch (Exception e) {
            return e.toString();
        }
    }

    private String health(Distribution qss) {
        String body = qss.get("/health");
        return body == null ? "" : body.replace(" ", "").replace("\n", "");
    }

    /** Notes, for each component newly UP, the seconds since {@code freed}; one that drops out again is unnoted. */
    private static String upSince(String health, long freed, Map<String, Double> upAfter) {
        Matcher m = STATE.matcher(health);
        while (m.find()) {
            if (!m.group(2).equals("UP")) {
                upAfter.remove(m.group(1));
            } else if (!upAfter.containsKey(m.group(1))) {
                upAfter.put(m.group(1), Math.round((System.nanoTime() - freed) / 1e8) / 10.0);
            }
        }
        return health;
    }

    private static boolean allUp(String health) {
        Matcher m = STATE.matcher(health);
        int components = 0;
        while (m.find()) {
            components++;
            if (!m.group(2).equals("UP")) {
                return false;
            }
        }
        return components > 0;
    }

    private static boolean isDegraded(String health, String component) {
        Matcher m = STATE.matcher(health);
        while (m.find()) {
            if (m.group(1).equals(component)) {
                return m.group(2).equals("DEGRADED") || m.group(2).equals("DOWN");
            }
        }
        return false;
    }

    /** ERROR lines in the container log so far whose logger name contains {@code logger}. */
    private static long errorLines(Distribution qss, String logger) throws IOException {
        try (var lines = Files.lines(qss.home.resolve("data/log/karaf.log"))) {
            return lines.filter(line -> line.contains("| ERROR |") && line.split("\\|")[3].contains(logger))
                    .count();
        }
    }

    /** ERROR lines so far of each logger of MongoDB and the store that reports failed writes. */
    private static Map<String, Long> ownErrorLines(Distribution qss) throws IOException {
        Map<String, Long> lines = new LinkedHashMap<>();
        for (String logger : OWN_LOGGERS) {
            lines.put(logger, errorLines(qss, logger));
        }
        return lines;
    }

    private HttpResponse<String> get(String url, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (key != null) {
            request.header("authorization", "Bearer " + key);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Distribution qss, String path, String body, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + qss.restPort + path))
                        .header("authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitTrue(BooleanSupplier condition, Duration limit, String what, Distribution qss) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for: " + what + "\nhealth: "
                        + health(qss) + "\n" + list(qss));
            }
            Thread.sleep(250);
        }
    }
}
