// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The command line: help, usage errors with what and which value, a short run, a stop signal. */
class QssC37MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(StopSignal stop, String... args) {
        return QssC37Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                stop);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheVerbsAndEachVerbHasItsOwn() {
        assertEquals(0, run(new StopSignal(), "--help"));
        assertTrue(out().contains("simulate") && out().contains("replay"));
        assertEquals(0, run(new StopSignal(), "simulate", "--help"));
        assertTrue(out().contains("--cfg-change-every S"));
        assertEquals(2, run(new StopSignal()));
    }

    @Test
    void usageErrorsSayWhatAndWhichValue() {
        assertEquals(2, run(new StopSignal(), "bogus"));
        assertTrue(err().contains("unknown verb [verb=bogus]"), err());
        assertEquals(2, run(new StopSignal(), "simulate", "--rate", "500"));
        assertTrue(err().contains("option out of range [option=--rate, value=500, range=1..240]"), err());
        assertEquals(2, run(new StopSignal(), "simulate", "--threads", "0"));
        assertTrue(err().contains("option out of range [option=--threads, value=0, range=1..64]"), err());
        assertEquals(2, run(new StopSignal(), "simulate", "--format", "double"));
        assertTrue(err().contains("format must be int or float [format=double]"), err());
        assertEquals(2, run(new StopSignal(), "simulate", "--udp", "nohostport"));
        assertTrue(err().contains("option needs HOST:PORT [option=--udp, value=nohostport]"), err());
        assertEquals(2, run(new StopSignal(), "simulate", "--pdc", "--pmus", "5000"));
        assertTrue(err().contains("data frame larger than FRAMESIZE allows"), err());
        assertEquals(2, run(new StopSignal(), "simulate", "--pdc", "--pmus", "1000"));
        assertTrue(
                err().contains("CFG-2 frame larger than FRAMESIZE allows; fewer PMUs per stream or fewer channels"
                        + " (16 names per digital word) [idcode=1, pmus=1000, bytes=410024, max=65535]"),
                err());
        assertEquals(2, run(new StopSignal(), "replay"));
        assertTrue(err().contains("no capture file given"), err());
        assertEquals(1, run(new StopSignal(), "replay", "/nonexistent/x.pcap"));
        assertTrue(err().contains("cannot read the capture [file=/nonexistent/x.pcap"), err());
    }

    @Test
    void simulateRunsUntilStoppedAndPrintsItsLastLine() throws Exception {
        StopSignal stop = new StopSignal();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop.stop();
        });
        stopper.start();
        long start = System.nanoTime();
        assertEquals(
                0,
                run(
                        stop,
                        "simulate",
                        "--port",
                        "0",
                        "--host",
                        "127.0.0.1",
                        "--pmus",
                        "3",
                        "--stats",
                        "0",
                        "--threads",
                        "2"));
        assertTrue((System.nanoTime() - start) / 1e9 < 10, "stopped promptly");
        assertTrue(out().contains("3 PMU(s) at 60 frames/s"), out());
        assertTrue(out().contains(", 2 sender threads"), out());
        assertTrue(out().contains("qss-c37: 0 client(s)"), out());
        stopper.join();
    }

    @Test
    void durationEndsAReplay() throws Exception {
        String capture = Path.of(getClass()
                        .getResource("/c37118-samples/C37.118_1PMU_TCP.pcap")
                        .toURI())
                .toString();
        assertEquals(
                0, run(new StopSignal(), "replay", capture, "--port", "0", "--host", "127.0.0.1", "--duration", "1"));
        assertTrue(out().contains("IDCODE 241: 252 data frame(s), 1 other"), out());
        assertTrue(out().contains("0 frame(s) sent"), out());
    }
}
