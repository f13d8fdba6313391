// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's scripts of the unpacked distribution: with qss stopped, every command says so (or works without
 * it); {@code bin/start} and {@code bin/stop} say what they did and may follow each other at once; console output of
 * more than 1 MB arrives whole; relative paths are the caller's; {@code bin/upmu-adm} runs every command fed on its
 * standard input.
 */
class OperatorScriptsIT {

    private static final String NOT_RUNNING = "qss is not running (start it with";
    private static final int DEVICES = 700;

    @TempDir
    Path dir;

    @Test
    void givenStoppedQss_whenOperatorCommandsRun_thenEachSaysSoOrWorks() throws Exception {
        try (Distribution qss = Distribution.unpack(dir.resolve("dist"))) {
            for (List<String> command : List.of(
                    List.of("bin/qss-console", "qss:status"),
                    List.of("bin/qss-console", "help"),
                    List.of("bin/qss-get", "--config", "shorewall"),
                    List.of("bin/qss-get", "-u"),
                    List.of("bin/qss-get", "-p", "apcupsd"))) {
                assertNotRunning(qss.run(command), command);
            }
            assertNotRunning(qss.runWithInput(List.of("bin/upmu-adm"), "list\nsave\n"), List.of("bin/upmu-adm"));

            Distribution.CommandResult heap = qss.runIn(
                    qss.home, List.of("bin/start"), null, Map.of("JAVA_MIN_MEM", "8g", "JAVA_MAX_MEM", "1024M"));
            assertEquals(2, heap.exitCode(), heap.output());
            assertTrue(
                    heap.output().contains("qss: JAVA_MIN_MEM (8g) is larger than JAVA_MAX_MEM (1024M)"),
                    heap.output());

            Distribution.CommandResult version = qss.run(List.of("bin/qss-get", "--version"));
            assertEquals(0, version.exitCode(), version.output());
            assertEquals(
                    System.getProperty("qss.version").replace('-', '.'),
                    version.output().strip());
            assertTrue(qss.run(List.of("bin/qss-get", "--indexes")).output().contains("no indexes to create"));

            Path marker = Files.createDirectories(qss.data.resolve("store")).resolve("marker");
            Files.writeString(marker, "kept unless confirmed");
            Distribution.CommandResult kept = qss.runWithInput(List.of("bin/qss-get", "--newdb"), "n\n");
            assertTrue(kept.output().contains("new database cancelled") && Files.exists(marker), kept.output());
            Distribution.CommandResult wiped = qss.runWithInput(List.of("bin/qss-get", "--newdb"), "y\n");
            assertEquals(0, wiped.exitCode(), wiped.output());
            assertFalse(Files.exists(marker), wiped.output());

            // the manual's folder name, a path with a space, given relative to the caller's directory
            Path usb = Files.createDirectories(dir.resolve("usb stick/upmu_data/P3001234"));
            Files.writeString(usb.resolve("a.dat"), "not decoded here");
            Distribution.CommandResult moved =
                    qss.runIn(dir, List.of("bin/qss-get", "--data-import", "usb stick"), null);
            assertEquals(0, moved.exitCode(), moved.output());
            assertTrue(Files.isRegularFile(dir.resolve("usb stick/upmu_data_import/P3001234/a.dat")), moved.output());
            Distribution.CommandResult missing =
                    qss.runIn(dir, List.of("bin/qss-get", "--data-import", "nowhere"), null);
            assertNotEquals(0, missing.exitCode());
            assertTrue(missing.output().contains("no such folder [path=" + dir.resolve("nowhere")), missing.output());

            Distribution.CommandResult stop = qss.run(List.of("bin/stop"));
            assertEquals(0, stop.exitCode(), stop.output());
            assertTrue(stop.output().startsWith("qss is not running"), stop.output());
        }
    }

    @Test
    void givenStartedQss_whenOperatorScriptsRun_thenOutputArrivesWholeAndStopThenStartWorks() throws Exception {
        try (Distribution qss = Distribution.unpack(dir.resolve("dist"))) {
            try {
                long pid = startAndWait(qss);
                Distribution.CommandResult again = qss.run(List.of("bin/start"));
                assertEquals(1, again.exitCode(), again.output());
                assertTrue(again.output().contains("qss is already running [pid=" + pid), again.output());

                assertConsoleOutputs(qss);
                assertUpmuAdmRunsEveryLine(qss);

                Distribution.CommandResult stop = qss.run(List.of("bin/stop"));
                assertEquals(0, stop.exitCode(), stop.output());
                assertTrue(stop.output().contains("qss stopped [pid=" + pid), stop.output());
                assertFalse(isRunning(pid), "bin/stop returned before the JVM exited");
                assertFalse(isListening(qss.restPort), "REST port still open after bin/stop");
                long restarted = startAndWait(qss);
                assertNotEquals(pid, restarted);
            } finally {
                qss.run(List.of("bin/stop", "--force", "--timeout", "60"));
            }
        }
    }

    /** bin/start --wait: exit 0 once /status says OK; the JVM's pid it reports. */
    private static long startAndWait(Distribution qss) throws Exception {
        Distribution.CommandResult start = qss.run(List.of("bin/start", "--wait"));
        assertEquals(0, start.exitCode(), start.output() + " " + qss.bootErrors());
        Matcher up = Pattern.compile("qss is up \\[pid=(\\d+), seconds=(\\d+)]").matcher(start.output());
        assertTrue(up.find(), start.output());
        assertEquals("OK", qss.status());
        System.out.println("bin_start_wait_s=" + up.group(2));
        return Long.parseLong(up.group(1));
    }

    private void assertConsoleOutputs(Distribution qss) throws Exception {
        Distribution.CommandResult help = qss.console("help");
        assertEquals(0, help.exitCode(), help.output());
        assertTrue(help.output().contains("upmu") && help.output().contains("importdat"), help.output());
        Distribution.CommandResult helpAdd = qss.console("help upmu:add");
        assertEquals(0, helpAdd.exitCode(), helpAdd.output());
        assertTrue(helpAdd.output().contains("Adds a uPMU"), helpAdd.output());
        assertPlain(helpAdd);

        Distribution.CommandResult failed = qss.console("upmu:rem no-such-device");
        assertNotEquals(0, failed.exitCode(), failed.output());
        assertTrue(failed.output().contains("no device named"), failed.output());
        assertPlain(failed);

        // one print of more than 1 MB, which Karaf's SSH exec channel used to cut (and still exit 0)
        Path ini = dir.resolve("devices.ini");
        Files.writeString(
                ini,
                IntStream.rangeClosed(1, DEVICES)
                        .mapToObj(i -> "[10.9." + i / 250 + "." + (i % 250 + 1) + "]\n%serial_number = P7" + (10000 + i)
                                + "\n%alias = big" + i + "\n")
                        .collect(Collectors.joining()));
        qss.consoleOk("upmu:import-ini --replace " + ini);
        Distribution.CommandResult export = qss.console("upmu:export-ini");
        assertEquals(0, export.exitCode(), export.output().length() + " chars");
        assertTrue(
                export.output().length() > 1_000_000, "only " + export.output().length() + " chars");
        assertEquals(DEVICES, export.output().split("%alias = big", -1).length - 1, "devices in the output");
        assertTrue(export.output().contains("%alias = big" + DEVICES + "\n"), "the last device is missing");
        assertPlain(export);
        // a relative path is the caller's, not the server's
        Distribution.CommandResult written =
                qss.runIn(dir, List.of("bin/qss-console", "upmu:export-ini exported.ini"), null);
        assertEquals(0, written.exitCode(), written.output());
        assertTrue(Files.readString(dir.resolve("exported.ini")).contains("%alias = big" + DEVICES + "\n"));
        qss.consoleOk("upmu:pending --discard");
    }

    private static void assertUpmuAdmRunsEveryLine(Distribution qss) throws Exception {
        Distribution.CommandResult adm =
                qss.runWithInput(List.of("bin/upmu-adm"), "list\nrem no-such-device\nlastreceived\nlist\nexit\n");
        assertEquals(2, adm.output().split("LAST SYNCED", -1).length - 1, "both lists ran: " + adm.output());
        assertTrue(adm.output().contains("LAST RECEIVED"), "lastreceived ran: " + adm.output());
        assertTrue(adm.output().contains("no device named"), adm.output());
        assertTrue(adm.output().contains("clean exit"), adm.output());
        assertNotEquals(0, adm.exitCode(), "a failed command gives a non-zero exit: " + adm.output());
    }

    private static void assertNotRunning(Distribution.CommandResult result, List<String> command) {
        assertEquals(3, result.exitCode(), command + ": " + result.output());
        assertTrue(result.output().contains(NOT_RUNNING), command + ": " + result.output());
    }

    /** No colour codes and no SSH noise: the output is not a terminal. */
    private static void assertPlain(Distribution.CommandResult result) {
        assertFalse(result.output().contains("\u001b"), result.output());
        assertFalse(result.output().contains("Connection to"), result.output());
    }

    /**
     * True while process {@code pid} runs. An exited JVM that bin/start left behind is no child of ours, so it may stay
     * a zombie until whatever adopted it reaps it: that counts as exited (Linux).
     */
    private static boolean isRunning(long pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String line = Files.readString(stat);
        char state = line.charAt(line.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }

    private static boolean isListening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
