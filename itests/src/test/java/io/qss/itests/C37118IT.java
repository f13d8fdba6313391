// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.device.c37118.internal.GoldenSamples;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live C37.118 devices in the running distribution: the package {@code c37118} installed hot with {@code qss-get};
 * recorded PMUs and a PDC replayed by {@code bin/qss-c37 replay} over TCP, and a PMU's UDP capture pushed to a
 * listening device, whose every stored value equals Wireshark's decode of that frame; then a simulated PMU streaming at 60 frames/s while the device bundle is updated,
 * uninstalled and installed again, whose FREQ stream ends up with every 1/60 s instant exactly once.
 */
class C37118IT {

    private static final String BUNDLE = "io.qss.device.c37118";
    private static final String CAPTURES = "c37118/";
    private static final int RATE = 60;
    private static final long NANOS = 1_000_000_000L;
    /** Sessions of the simulated device: the first, one after the bundle update, one after the reinstall. */
    private static final int SESSIONS = 3;

    @TempDir
    Path dir;

    private final List<Process> tools = new ArrayList<>();

    @Test
    void givenPackageInstalledHot_whenPmusStreamAcrossBundleSwaps_thenEveryValueStoredOnce() throws Exception {
        try (Distribution qss = Distribution.unpack(dir.resolve("qss"))) {
            qss.start();
            try {
                installPackage(qss);
                LiveDevices devices =
                        new LiveDevices(qss, qss.createWriteKey("c37it").secret());
                assertReplayStoredAsTshark(qss, devices, "C37.118_1PMU_TCP", Map.of("pmu1", 241));
                assertReplayStoredAsTshark(qss, devices, "C37.118_2PMUsInSync_TCP", Map.of("pmu60", 60, "pmu241", 241));
                assertReplayStoredAsTshark(qss, devices, "C37.118_4in1PMU_TCP", Map.of("pdc1", 60));
                assertUdpReplayStoredAsTshark(qss, devices, "C37.118_1PMU_UDP", "pmuudp", 60);
                assertNoInstantLostAcrossSwaps(qss, devices);
                assertEquals("OK", qss.status());
            } finally {
                tools.forEach(Process::destroyForcibly);
            }
            qss.stop();
        }
    }

    /** {@code bin/qss-get -p DIR c37118} with the qss-packages archive the build made, into the running qss. */
    private void installPackage(Distribution qss) throws Exception {
        String version = System.getProperty("qss.version");
        Path built = Path.of(System.getProperty("qss.distribution.zip"))
                .resolveSibling("qss-packages-" + version + ".tar.gz");
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        Files.copy(built, mnt.resolve(built.getFileName()));
        Distribution.CommandResult installed = qss.run(List.of("bin/qss-get", "-p", mnt.toString(), "c37118"));
        assertEquals(0, installed.exitCode(), installed.output());
        assertTrue(installed.output().contains("c37118: installed and started"), installed.output());
    }

    /**
     * Replays a shared capture as fast as qss reads, one device per stream of it ({@code alias} to IDCODE, all on
     * the replayer's one port); then checks each device's stored values against tshark's.
     */
    private void assertReplayStoredAsTshark(
            Distribution qss, LiveDevices devices, String capture, Map<String, Integer> streamsByAlias)
            throws Exception {
        Path pcap = resource(capture + ".pcap");
        Path golden = resource(capture + ".tshark.gz");
        int port = Distribution.freePort();
        startTool(
                qss,
                capture + "-replay",
                List.of("replay", pcap.toString(), "--port", String.valueOf(port), "--speed", "0"));
        StringBuilder add = new StringBuilder();
        streamsByAlias.forEach((alias, idcode) -> add.append("device:add c37118 ")
                .append(alias)
                .append(" host=127.0.0.1 port=")
                .append(port)
                .append(" idcode=")
                .append(idcode)
                .append("; "));
        qss.consoleOk(add + "device:save");
        for (Map.Entry<String, Integer> device : streamsByAlias.entrySet()) {
            assertStoredAsTshark(devices, capture, GoldenSamples.of(pcap, golden, device.getValue()), device.getKey());
        }
    }

    /**
     * A device listening for spontaneous UDP data, fed a UDP capture (its CFG-2, then its data frames, one per
     * datagram, at four times the captured pace); then its stored values checked against tshark's.
     */
    private void assertUdpReplayStoredAsTshark(
            Distribution qss, LiveDevices devices, String capture, String alias, int idcode) throws Exception {
        Path pcap = resource(capture + ".pcap");
        Path golden = resource(capture + ".tshark.gz");
        int port = Distribution.freePort();
        qss.consoleOk("device:add c37118 " + alias + " transport=udp host=127.0.0.1 udpPort=" + port + " idcode="
                + idcode + "; device:save");
        devices.awaitStatus(alias, "CONNECTED", "");
        startTool(
                qss,
                capture + "-replay",
                List.of("replay", pcap.toString(), "--udp", "127.0.0.1:" + port, "--speed", "4"));
        assertStoredAsTshark(devices, capture, GoldenSamples.of(pcap, golden, idcode), alias);
    }

    /**
     * Waits for every data frame of device {@code alias}, then checks every stored value against tshark's for its
     * frame and that each stream holds each frame's time once.
     */
    private static void assertStoredAsTshark(
            LiveDevices devices, String capture, List<GoldenSamples.Sample> golden, String alias) throws Exception {
        Map<String, Map<Long, Double>> expected = new HashMap<>();
        golden.forEach(
                s -> expected.computeIfAbsent(s.key(), k -> new HashMap<>()).put(s.time(), s.value()));
        long start = golden.stream().mapToLong(GoldenSamples.Sample::time).min().orElseThrow();
        long end = golden.stream().mapToLong(GoldenSamples.Sample::time).max().orElseThrow() + 1;
        // not the RECEIVING status: a short capture may be over, and the device idle again, before it is checked
        devices.await(
                () -> keysOf(streamsOf(devices, alias), alias).equals(expected.keySet()),
                "streams of " + alias + " " + expected.keySet());
        Map<String, String> streams = devices.streams(alias);
        String last = expected.keySet().iterator().next();
        int frames = expected.get(last).size();
        String lastUuid = streams.get(pathOf(alias, last));
        devices.await(() -> devices.count(lastUuid, start, end) == frames, frames + " frames of " + alias);
        // the flusher inserts every stream of a device in one cycle; one more cycle covers a straggler
        Thread.sleep(1_000);

        List<String> mismatches = new ArrayList<>();
        int values = 0;
        for (Map.Entry<String, Map<Long, Double>> stream : expected.entrySet()) {
            List<LiveDevices.Point> points = devices.points(streams.get(pathOf(alias, stream.getKey())), start, end);
            assertEquals(stream.getValue().size(), points.size(), "points of " + stream.getKey());
            String unit = golden.stream()
                    .filter(s -> s.key().equals(stream.getKey()))
                    .findFirst()
                    .orElseThrow()
                    .unit();
            for (LiveDevices.Point point : points) {
                Double want = stream.getValue().get(point.time());
                if (want == null
                        || !new GoldenSamples.Sample(stream.getKey(), unit, point.time(), want)
                                .matches(point.value())) {
                    mismatches.add(stream.getKey() + " [time=" + point.time() + ", tshark=" + want + ", stored="
                            + point.value() + "]");
                }
                values++;
            }
        }
        System.out.printf(
                "c37118_replay capture=%s device=%s frames=%d streams=%d values=%d mismatches=%d%n",
                capture, alias, frames, expected.size(), values, mismatches.size());
        assertTrue(
                mismatches.isEmpty(),
                () -> mismatches.size() + " mismatches, first: "
                        + mismatches.subList(0, Math.min(10, mismatches.size())));
        assertEquals(golden.size(), values, "values stored for " + capture);
    }

    private static Map<String, String> streamsOf(LiveDevices devices, String alias) {
        try {
            return devices.streams(alias);
        } catch (Exception e) {
            throw new IllegalStateException("device:streams failed [alias=" + alias + "]", e);
        }
    }

    /**
     * A simulated PMU at 60 frames/s; while it streams the device bundle is updated, uninstalled (the device
     * pauses) and installed again (it resumes). After the simulator stops, the FREQ stream holds every 1/60 s
     * instant between its first and last point exactly once.
     */
    private void assertNoInstantLostAcrossSwaps(Distribution qss, LiveDevices devices) throws Exception {
        int port = Distribution.freePort();
        Process simulator = startTool(
                qss,
                "simulate",
                List.of(
                        "simulate",
                        "--pmus",
                        "1",
                        "--rate",
                        String.valueOf(RATE),
                        "--port",
                        String.valueOf(port),
                        "--seed",
                        "7",
                        "--idcode-base",
                        "9",
                        "--stats",
                        "1"));
        qss.consoleOk("device:add c37118 sim1 host=127.0.0.1 port=" + port + " idcode=9; device:save");
        devices.awaitStatus("sim1", "RECEIVING", "");
        Thread.sleep(2_000);

        qss.consoleOk("bundle:update " + bundleId(qss));
        devices.awaitStatus("sim1", "RECEIVING", "");
        Thread.sleep(2_000);
        String location = bundleLocation(qss);
        qss.consoleOk("bundle:uninstall " + bundleId(qss));
        String paused = devices.awaitStatus("sim1", "PAUSED", "device type c37118 not installed");
        Thread.sleep(2_000);
        qss.consoleOk("bundle:install -s " + location);
        devices.awaitStatus("sim1", "RECEIVING", "");
        Thread.sleep(2_000);
        simulator.destroy();
        simulator.waitFor(30, TimeUnit.SECONDS);
        Thread.sleep(2_000);

        String uuid = devices.streams("sim1").get("/c37118/sim1/SIM PMU 0001/FREQ");
        assertTrue(uuid != null, devices.streams("sim1").toString());
        List<Long> times = devices.points(uuid, 0, Long.MAX_VALUE / 4).stream()
                .map(LiveDevices.Point::time)
                .toList();
        TreeSet<Long> distinct = new TreeSet<>(times);
        List<Long> missing = missingInstants(distinct);
        long decoded = validFrames(devices.statusLine("sim1"));
        System.out.printf(
                "c37118_swap frames=%d decoded=%d duplicates=%d missing=%d max_gap_ms=%.3f paused_line=%s"
                        + " simulator=%s%n",
                times.size(),
                decoded,
                times.size() - distinct.size(),
                missing.size(),
                maxGapNanos(times) / 1e6,
                paused.strip(),
                lastProgress("simulate"));
        assertTrue(times.size() > 8 * RATE, "too few frames: " + times.size());
        assertEquals(distinct.size(), times.size(), "duplicate instants in FREQ");
        // Equal times replace in the store, so a frame decoded twice shows only in the sessions' frame count, which
        // also counts the CFG-2 each of the three sessions (first, after the update, after the reinstall) asked for.
        assertEquals(times.size() + SESSIONS, decoded, "frames decoded (device:status VALID) versus stored");
        assertTrue(
                missing.isEmpty(),
                () -> missing.size() + " instants missing, first: " + missing.subList(0, Math.min(10, missing.size())));
    }

    /** The VALID column of a {@code device:status} row. */
    private static long validFrames(String statusLine) {
        return Long.parseLong(statusLine.strip().split("\\s+")[4]);
    }

    private static long maxGapNanos(List<Long> times) {
        long gap = 0;
        for (int i = 1; i < times.size(); i++) {
            gap = Math.max(gap, times.get(i) - times.get(i - 1));
        }
        return gap;
    }

    /** The 1/60 s instants (FRACSEC = floor(k x 10^6 / 60) us) between the first and last time, not in times. */
    private static List<Long> missingInstants(TreeSet<Long> times) {
        List<Long> missing = new ArrayList<>();
        long first = times.first();
        long last = times.last();
        for (long second = Math.floorDiv(first, NANOS); second <= Math.floorDiv(last, NANOS); second++) {
            for (int k = 0; k < RATE; k++) {
                long instant = second * NANOS + (k * 1_000_000L / RATE) * 1_000L;
                if (instant >= first && instant <= last && !times.contains(instant)) {
                    missing.add(instant);
                }
            }
        }
        return missing;
    }

    /** Starts {@code bin/qss-c37 ARGS} in the background, its output in {@code NAME.log}. */
    private Process startTool(Distribution qss, String name, List<String> args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(qss.home.resolve("bin/qss-c37").toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
        tools.add(process);
        return process;
    }

    private String lastProgress(String name) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }

    /** A capture or golden file of the c37118 test-jar, copied into the test folder. */
    private Path resource(String name) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = C37118IT.class.getClassLoader().getResourceAsStream(CAPTURES + name)) {
            assertTrue(in != null, "not on the class path: " + CAPTURES + name);
            Files.copy(in, file);
        }
        return file;
    }

    private static String pathOf(String alias, String key) {
        return "/c37118/" + alias + "/" + key;
    }

    private static Set<String> keysOf(Map<String, String> streams, String alias) {
        Set<String> keys = new HashSet<>();
        streams.keySet().forEach(path -> keys.add(path.substring(("/c37118/" + alias + "/").length())));
        return keys;
    }

    private static String bundleId(Distribution qss) throws Exception {
        return bundleRow(qss, "-s").split("[│|]")[0].strip();
    }

    private static String bundleLocation(Distribution qss) throws Exception {
        String id = bundleId(qss);
        return Distribution.lines(qss.consoleOk("bundle:list -t 0 -l")).stream()
                .filter(l -> l.split("[│|]")[0].strip().equals(id))
                .findFirst()
                .orElseThrow()
                .split("[│|]")[4]
                .strip();
    }

    private static String bundleRow(Distribution qss, String option) throws Exception {
        return Distribution.lines(qss.consoleOk("bundle:list -t 0 " + option)).stream()
                .filter(l -> l.strip().endsWith(BUNDLE))
                .findFirst()
                .orElseThrow(() -> new AssertionError(BUNDLE + " not installed"));
    }
}
