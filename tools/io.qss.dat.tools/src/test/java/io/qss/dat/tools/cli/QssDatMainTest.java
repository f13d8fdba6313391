// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.tools.send.FakeReceiver;
import io.qss.dat.transfer.FrameHeader;
import io.qss.dat.transfer.TransferMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QssDatMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void givenNoArguments_whenRun_thenUsageExitTwo() {
        assertEquals(2, run());
        assertTrue(err().contains("Verbs:"));
        assertEquals(0, run("--help"));
        assertEquals(2, run("frobnicate"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"info", "csv", "gen", "send", "simulate"})
    void givenVerbHelp_whenRun_thenUsageTextExitZero(String verb) {
        assertEquals(0, run(verb, "--help"));
        assertTrue(out().startsWith("Usage: qss-dat " + verb), out());
    }

    @Test
    void givenMissingOption_whenGen_thenUsageErrorNamesIt() {
        assertEquals(2, run("gen", "--start", "2026-01-01T00:00:00Z", "--minutes", "1", "--out", "x"));
        assertEquals("qss-dat gen: missing required option [option=--serial]; try qss-dat gen --help\n", err());
        assertEquals(2, run("send", "--to", "nohostport", "--serial", "P1", "x"));
        assertEquals(2, run("simulate", "--to", "h:1", "--devices", "0"));
    }

    @Test
    void givenGeneratedTree_whenInfoAndCsv_thenConsistent(@TempDir Path dir) throws Exception {
        assertEquals(
                0,
                run(
                        "gen",
                        "--serial",
                        "P3001035",
                        "--start",
                        "2026-01-01T00:59:00Z",
                        "--minutes",
                        "2",
                        "--out",
                        dir.toString()));
        List<Path> files = datFiles(dir);
        assertEquals(
                List.of("2026/01/01/00/P3001035_20260101_005900.dat", "2026/01/01/01/P3001035_20260101_010000.dat"),
                files.stream()
                        .map(f -> dir.relativize(f).toString().replace('\\', '/'))
                        .toList());
        assertEquals(0, run("info", files.get(0).toString()));
        assertTrue(out().contains("records: 60 (base: 60 base, 0 extended)"), out());
        assertTrue(out().contains("first:   2026-01-01T00:59:00Z"), out());
        out.reset();
        assertEquals(0, run("csv", files.get(1).toString()));
        String[] lines = out().split("\n");
        assertEquals(7201, lines.length);
        assertEquals(
                "Time[ns],L1MAG,L1ANG,L2MAG,L2ANG,L3MAG,L3ANG,C1MAG,C1ANG,C2MAG,C2ANG,C3MAG,C3ANG,LSTATE", lines[0]);
        assertTrue(lines[1].startsWith("1767229200000000000,"));
        assertTrue(lines[1].endsWith(",1"));
    }

    @Test
    void givenTruncatedFile_whenInfo_thenErrorListedExitOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.dat");
        Files.write(file, new byte[1200]);
        assertEquals(1, run("info", file.toString()));
        assertTrue(out().contains("truncated record [file=t.dat, record=0, offset=0, have=1200, need=6312]"), out());
    }

    @Test
    void givenReceiver_whenSendAndSimulate_thenFilesArrive(@TempDir Path dir) throws Exception {
        run(
                "gen",
                "--serial",
                "P3001035",
                "--start",
                "2026-01-01T00:00:00Z",
                "--minutes",
                "3",
                "--out",
                dir.toString());
        try (FakeReceiver receiver = FakeReceiver.acking()) {
            String to = "127.0.0.1:" + receiver.port();
            assertEquals(0, run("send", "--to", to, "--serial", "P3001035", dir.toString()));
            assertTrue(out().contains("sent 3/3 files, 1136160 bytes acknowledged"), out());
            assertEquals(
                    "2026/01/01/00/P3001035_20260101_000000.dat",
                    receiver.messages.get(0).path());
            receiver.messages.clear();
            assertEquals(
                    0,
                    run(
                            "simulate",
                            "--to",
                            to,
                            "--devices",
                            "2",
                            "--extended-every",
                            "2",
                            "--speed",
                            "max",
                            "--minutes",
                            "2",
                            "--start",
                            "2026-01-01T00:00:00Z"));
            assertEquals(4, receiver.messages.size());
            List<Integer> sizes = receiver.messages.stream()
                    .map(m -> m.data().length)
                    .distinct()
                    .sorted()
                    .toList();
            assertEquals(List.of(378_720, 551_520), sizes);
            assertTrue(receiver.messages.stream().map(TransferMessage::serial).anyMatch("P3500001"::equals));
            receiver.messages.clear();
            assertEquals(0, run("simulate", "--to", to, "--devices", "1", "--minutes", "1"));
            assertEquals(1, receiver.messages.size());
            assertTrue(out().contains("done: 1 files acked, 0 failed, 93600 points"), out());
        }
        try (FakeReceiver refusing = new FakeReceiver(m -> FrameHeader.nack())) {
            assertEquals(
                    1,
                    run(
                            "send",
                            "--to",
                            "127.0.0.1:" + refusing.port(),
                            "--serial",
                            "P1",
                            "--max-attempts",
                            "1",
                            datFiles(dir).get(0).toString()));
            assertTrue(err().contains("file not acknowledged [path=P3001035_20260101_000000.dat"), err());
        }
    }

    private static List<Path> datFiles(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return QssDatMain.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
