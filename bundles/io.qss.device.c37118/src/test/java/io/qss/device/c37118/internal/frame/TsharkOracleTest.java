// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every data frame of the shared captures, decoded by the codec, equals what Wireshark's dissector reports for it:
 * station names, STAT, time quality, every phasor's magnitude and angle, FREQ, DFREQ, analogs and digital words. tshark
 * prints three decimals, so values may differ by half a unit of the third decimal (angles modulo 360 degrees).
 */
class TsharkOracleTest {

    private static final double PRINTED_HALF_UNIT = 0.0005;
    private static final Path RESOURCES = Path.of("src/test/resources/c37118");
    private static final Path SCRIPT = Path.of("src/test/sh/tshark-golden.sh");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "C37.118_1PMU_TCP",
                "C37.118_1PMU_UDP",
                "C37.118_1PMU_UDP_minimal",
                "C37.118_2PMUsInSync_TCP",
                "C37.118_4in1PMU_TCP"
            })
    void givenCapture_whenDecoded_thenEveryDataFrameEqualsStoredTsharkOutput(String capture) throws Exception {
        assertDecodedEquals(capture, TsharkGolden.load(RESOURCES.resolve(capture + ".tshark.gz")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "C37.118_1PMU_TCP",
                "C37.118_1PMU_UDP",
                "C37.118_1PMU_UDP_minimal",
                "C37.118_2PMUsInSync_TCP",
                "C37.118_4in1PMU_TCP"
            })
    void givenTsharkOnPath_whenDecoded_thenEveryDataFrameEqualsLiveTsharkOutput(String capture) throws Exception {
        Assumptions.assumeTrue(isTsharkOnPath(), () -> {
            System.out.println("live tshark comparison skipped: tshark is not on PATH (./qss test installs it)");
            return "tshark is not on PATH";
        });
        Process tshark = new ProcessBuilder(
                        "sh",
                        SCRIPT.toString(),
                        RESOURCES.resolve(capture + ".pcap").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<TsharkGolden.Frame> golden;
        try (BufferedReader in = tshark.inputReader(StandardCharsets.UTF_8)) {
            golden = TsharkGolden.read(in);
        }
        assertTrue(tshark.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, tshark.exitValue(), "tshark-golden.sh failed");
        assertDecodedEquals(capture, golden);
    }

    private static void assertDecodedEquals(String capture, List<TsharkGolden.Frame> golden) throws Exception {
        CaptureDecoder decoded = CaptureDecoder.decode(RESOURCES.resolve(capture + ".pcap"));
        assertTrue(!golden.isEmpty(), "no data frames in the golden output [capture=" + capture + "]");
        assertEquals(golden.size(), decoded.data().size(), "data frames decoded [capture=" + capture + "]");
        assertEquals(0, decoded.badFrames(), "frames with a bad CRC [capture=" + capture + "]");
        Map<String, Deque<CaptureDecoder.Decoded>> byKey = new HashMap<>();
        decoded.data()
                .forEach(d ->
                        byKey.computeIfAbsent(d.key(), k -> new ArrayDeque<>()).add(d));
        List<String> mismatches = new ArrayList<>();
        long compared = 0;
        for (TsharkGolden.Frame frame : golden) {
            Deque<CaptureDecoder.Decoded> candidates = byKey.get(frame.key());
            if (candidates == null || candidates.isEmpty()) {
                mismatches.add("frame not decoded [key=" + frame.key() + "]");
                continue;
            }
            compared += compare(frame, candidates.poll(), mismatches);
        }
        System.out.printf(
                "%s: %d data frames, %d values equal to tshark's, %d mismatches%n",
                capture, golden.size(), compared, mismatches.size());
        assertTrue(
                mismatches.isEmpty(),
                () -> capture + ": " + mismatches.size() + " mismatches, first: "
                        + mismatches.subList(0, Math.min(10, mismatches.size())));
    }

    private static int compare(TsharkGolden.Frame frame, CaptureDecoder.Decoded decoded, List<String> mismatches) {
        Check check = new Check(frame.key(), mismatches);
        check.exact("time quality", frame.timeQuality(), decoded.timeQuality() & 0x7F);
        List<PmuConfig> pmus = decoded.decoder().config().pmus();
        check.exact("stations", frame.stations().size(), pmus.size());
        int offset = 0;
        for (int i = 0; i < Math.min(pmus.size(), frame.stations().size()); i++) {
            compareStation(frame.stations().get(i), pmus.get(i), decoded.values(), offset, check);
            offset += DataDecoder.valuesPerPmu(pmus.get(i));
        }
        return check.count;
    }

    private static void compareStation(
            TsharkGolden.Station station, PmuConfig pmu, double[] values, int offset, Check check) {
        check.text("station", station.name, pmu.station());
        check.exact(
                station.name + " phasors", station.phasors.size(), pmu.phasors().size());
        int o = offset;
        for (double[] phasor : station.phasors) {
            check.near(station.name + " magnitude", phasor[0], values[o++]);
            check.angle(station.name + " angle", phasor[1], values[o++]);
        }
        check.near(station.name + " FREQ", station.frequency, values[o++]);
        check.near(station.name + " DFREQ", station.dfreq, values[o++]);
        check.exact(
                station.name + " analogs", station.analogs.size(), pmu.analogs().size());
        for (double analog : station.analogs) {
            check.near(station.name + " analog", analog, values[o++]);
        }
        check.exact(
                station.name + " digitals",
                station.digitals.size(),
                pmu.digitals().size());
        for (int digital : station.digitals) {
            check.exact(station.name + " digital", digital, (int) values[o++]);
        }
        check.exact(station.name + " STAT", station.stat, (int) values[o]);
    }

    private static boolean isTsharkOnPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "tshark"))) {
                return true;
            }
        }
        return false;
    }

    /** Collects mismatches of one frame and counts the values compared. */
    private static final class Check {
        private final String key;
        private final List<String> mismatches;
        private int count;

        Check(String key, List<String> mismatches) {
            this.key = key;
            this.mismatches = mismatches;
        }

        void exact(String what, long expected, long actual) {
            count++;
            if (expected != actual) {
                mismatches.add(what + " [frame=" + key + ", tshark=" + expected + ", decoded=" + actual + "]");
            }
        }

        void text(String what, String expected, String actual) {
            count++;
            if (!expected.equals(actual)) {
                mismatches.add(what + " [frame=" + key + ", tshark=" + expected + ", decoded=" + actual + "]");
            }
        }

        void near(String what, double expected, double actual) {
            count++;
            if (!(Math.abs(expected - actual) <= PRINTED_HALF_UNIT * (1 + 1e-9) + Math.ulp(expected))) {
                mismatches.add(what + " [frame=" + key + ", tshark=" + expected + ", decoded=" + actual + "]");
            }
        }

        void angle(String what, double expected, double actual) {
            double difference = Math.IEEEremainder(expected - actual, 360);
            near(what, expected, expected - difference);
        }
    }
}
