// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example commands of docs/operations.md that no other integration test runs, against a running distribution:
 * each as an operator types it, with the output the document promises.
 */
class OperationsIT {

    private static final long T0 = 1_474_321_947_545_300_000L;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PATH = System.getenv("PATH");

    @TempDir
    Path dir;

    @Test
    void givenRunningQss_whenOperationsExamplesRun_thenEachAnswersAsDocumented() throws Exception {
        try (Distribution qss = Distribution.unpack(dir.resolve("dist"))) {
            qss.start();

            Distribution.CommandResult status = qss.console("qss:status");
            assertEquals(0, status.exitCode(), status.output());
            assertTrue(status.output().startsWith("COMPONENT  STATE     DETAIL"), status.output());
            assertTrue(status.output().contains("qss is UP"), status.output());
            assertEquals("OK", qss.status());
            String health = qss.get("/health");
            assertTrue(health.startsWith("{\"status\":\"UP\",\"components\":{"), health);
            // /status said OK just before: every component must be there already, not only those registered so far
            for (String component :
                    List.of("auth", "grpc", "mongo", "plotter", "receiver", "rest", "startup", "store", "sync")) {
                assertTrue(health.contains("\"" + component + "\":{\"state\":\"UP\""), component + ": " + health);
            }

            Distribution.CommandResult version = qss.run(List.of("bin/qss-get", "--version"));
            assertEquals(0, version.exitCode(), version.output());
            assertTrue(
                    version.output()
                            .startsWith(System.getProperty("qss.version").replace('-', '.')),
                    version.output());
            assertTrue(qss.run(List.of("bin/qss-get", "-h")).output().contains("-p, --packages [ARCHIVE]"));
            assertTrue(qss.run(List.of("bin/qss-get", "--indexes")).output().contains("no indexes to create"));

            Path out = dir.resolve("fw");
            Distribution.CommandResult shorewall =
                    qss.run(List.of("bin/qss-get", "--config", "shorewall", "apcupsd", "--out", out.toString()));
            assertEquals(0, shorewall.exitCode(), shorewall.output());
            String rules = Files.readString(out.resolve("etc/shorewall/rules"));
            assertTrue(rules.contains("ACCEPT\tnet\t$FW\ttcp\t22\n"), rules);
            // the test distribution's REST listens on 127.0.0.1 only: nobody on the network to open it for
            assertTrue(!rules.contains("\ttcp\t" + qss.restPort + "\n"), rules);
            assertTrue(Files.readString(out.resolve("etc/apcupsd/apcupsd.conf")).contains("TIMEOUT 30"));
            Distribution.CommandResult badAddress = qss.console("qss:config nic --address 10.0.0.300/24");
            assertNotEquals(0, badAddress.exitCode(), badAddress.output());
            assertTrue(
                    badAddress.output().contains("invalid IPv4 address [option=--address, value=10.0.0.300"),
                    badAddress.output());

            Path upmu = Files.createDirectories(dir.resolve("usb/upmu-data/P3001234/2026/11"));
            Files.write(upmu.resolve("a.dat"), new byte[] {1});
            Files.write(upmu.resolve("b.dat"), new byte[] {2});
            Distribution.CommandResult moved = qss.run(
                    List.of("bin/qss-get", "--data-import", dir.resolve("usb").toString()));
            assertTrue(moved.output().contains("moved 2 .dat files"), moved.output());
            assertTrue(Files.isRegularFile(dir.resolve("usb/upmu-data-import/P3001234/2026/11/a.dat")));

            Distribution.CommandResult lastReceived = qss.console("upmu:lastreceived");
            assertEquals(0, lastReceived.exitCode(), lastReceived.output());
            Distribution.CommandResult log = qss.console("log:display");
            assertEquals(0, log.exitCode());
            assertTrue(log.output().contains("|"), "log:display printed no log lines");
            assertStoreUsageAndCompactionKeepData(qss);

            Distribution.CommandResult failing = qss.console("qss:no-such-command");
            assertNotEquals(0, failing.exitCode(), "bin/qss-console must exit non-zero when a command fails");
            assertConsoleTellsLostStatusFromUnreachable(qss);
            qss.stop();
        }
    }

    /**
     * An SSH session that ends without the command's exit status after the command ran (seen under full load) is not
     * reported as an unreachable console: exit 4 and the command's output, against 255 when ssh never got through.
     * Stand-ins for ssh, first on the PATH, make both happen.
     */
    private void assertConsoleTellsLostStatusFromUnreachable(Distribution qss) throws Exception {
        Path lost = standInSsh("lost", "ssh \"$@\"\nexit 255\n");
        Distribution.CommandResult ran =
                qss.runIn(qss.home, List.of("bin/qss-console", "qss:status"), null, Map.of("PATH", lost + ":" + PATH));
        assertEquals(4, ran.exitCode(), ran.output());
        assertTrue(ran.output().contains("qss is UP"), ran.output());
        assertTrue(
                ran.output().contains("the console's connection ended before the command's exit status came back"),
                ran.output());

        Path away = standInSsh("away", "exit 255\n");
        Distribution.CommandResult unreachable =
                qss.runIn(qss.home, List.of("bin/qss-console", "qss:status"), null, Map.of("PATH", away + ":" + PATH));
        assertEquals(255, unreachable.exitCode(), unreachable.output());
        assertTrue(unreachable.output().contains("cannot reach the qss console"), unreachable.output());
    }

    /** A folder holding an executable {@code ssh} that runs {@code body} with the test's own PATH. */
    private Path standInSsh(String name, String body) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        Path ssh = folder.resolve("ssh");
        Files.writeString(ssh, "#!/bin/sh\nPATH='" + PATH + "'\n" + body);
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwxr-xr-x"));
        return folder;
    }

    /**
     * {@code qss:store usage} and {@code qss:store compact} on a store holding a stream (inserted over REST), printed
     * as StoreCommand words them; afterwards the stream still answers every point. With no retention set nothing
     * expires, and no block of the stream may be lost by the blocks moved.
     */
    private static void assertStoreUsageAndCompactionKeepData(Distribution qss) throws Exception {
        String key = qss.createWriteKey("itest-store").secret();
        UUID uuid = new UUID(0x0b5L, 1);
        String readings = "[[" + T0 + ", 1.5], [" + (T0 + 8_333_333) + ", 2.5], [" + (T0 + 16_666_666) + ", 3]]";
        HttpResponse<String> added = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + qss.restPort + "/data/legacyadd/key"))
                        .header("authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"/upmu/itest/L1MAG\": {\"uuid\": \"" + uuid
                                + "\", \"Readings\": " + readings + ", \"Properties\": {\"UnitofTime\": \"ns\"}}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, added.statusCode(), added.body());
        String range =
                "/data/uuid/" + uuid + "?starttime=" + T0 + "&endtime=" + (T0 + 1_000_000_000L) + "&unitoftime=ns";
        String expected =
                "\"Readings\":[[" + T0 + ",1.5],[" + (T0 + 8_333_333) + ",2.5],[" + (T0 + 16_666_666) + ",3]]";
        assertTrue(qss.get(range).contains(expected), qss.get(range));

        String usage = qss.consoleOk("qss:store usage");
        Matcher used = Pattern.compile(
                        "store bytes:   (\\d+)\\r?\\nstreams:       (\\d+)\\r?\\nvolume free:   (\\d+) of (\\d+) bytes")
                .matcher(usage);
        assertTrue(used.find(), usage);
        assertTrue(Long.parseLong(used.group(1)) > 0, "the store holds at least its logs: " + usage);
        assertTrue(Integer.parseInt(used.group(2)) >= 1, "the stream inserted over REST: " + usage);
        assertTrue(Long.parseLong(used.group(3)) <= Long.parseLong(used.group(4)), usage);

        String compacted = qss.consoleOk("qss:store compact");
        assertTrue(
                compacted.contains("compacting (waits 30 s for running queries when freed segments held data)..."),
                compacted);
        Matcher result = Pattern.compile("segments freed:   \\d+\\r?\\nbytes freed:      \\d+\\r?\\n"
                        + "blocks moved:     \\d+\\r?\\nversions expired: 0\\r?\\nstore bytes now:  (\\d+)")
                .matcher(compacted);
        assertTrue(result.find(), compacted);
        assertTrue(Long.parseLong(result.group(1)) > 0, compacted);

        assertTrue(qss.get(range).contains(expected), "after compaction: " + qss.get(range));
        assertTrue(qss.consoleOk("qss:store usage").contains("store bytes:   "));
        Distribution.CommandResult unknown = qss.console("qss:store shrink");
        assertTrue(
                unknown.output().contains("unknown action [action=shrink, expected=usage|compact]"), unknown.output());
    }

    @Test
    void givenADriveLabelledData_whenMountDdriveRuns_thenFstabMountsItByLabelOnce() throws Exception {
        Path mkfs = Path.of("/usr/sbin/mkfs.ext4");
        assumeTrue(Files.isExecutable(mkfs), "no " + mkfs);
        Path image = dir.resolve("data.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(8 << 20);
        }
        Process format = new ProcessBuilder(mkfs.toString(), "-q", "-L", "DATA", image.toString())
                .inheritIO()
                .start();
        assertEquals(0, format.waitFor());
        Path fstab = dir.resolve("fstab");
        Files.writeString(fstab, "# /etc/fstab: static file system information.\n");
        try (Distribution qss = Distribution.unpack(dir.resolve("dist"))) {
            List<String> mount = List.of(
                    "bin/qss-get",
                    "--mount-Ddrive",
                    "--device",
                    image.toString(),
                    "--fstab",
                    fstab.toString(),
                    "--no-mount");
            Distribution.CommandResult added = qss.run(mount);
            assertEquals(0, added.exitCode(), added.output());
            String line = "LABEL=DATA /ssd ext4 defaults,nofail 0 2\n";
            assertEquals("# /etc/fstab: static file system information.\n" + line, Files.readString(fstab));
            assertTrue(Files.exists(dir.resolve("fstab.qss-get.bak")), "the previous fstab is kept");
            assertTrue(added.output().contains("set QSS_DATA=/ssd/qss-data in bin/setenv"), added.output());

            Distribution.CommandResult again = qss.run(mount);
            assertEquals(0, again.exitCode(), again.output());
            assertTrue(again.output().contains("already mounts LABEL=DATA; left as it is"), again.output());
            assertEquals(
                    "# /etc/fstab: static file system information.\n" + line,
                    Files.readString(fstab),
                    "still one line for the drive");

            Distribution.CommandResult otherLabel = qss.run(List.of(
                    "bin/qss-get",
                    "--mount-Ddrive",
                    "--label",
                    "BACKUP",
                    "--device",
                    image.toString(),
                    "--fstab",
                    fstab.toString(),
                    "--no-mount"));
            assertNotEquals(0, otherLabel.exitCode());
            assertTrue(
                    otherLabel.output().contains("not labelled BACKUP [device=" + image + ", label=DATA]"),
                    otherLabel.output());
            Distribution.CommandResult missing = qss.run(List.of(
                    "bin/qss-get",
                    "--mount-Ddrive",
                    "--label",
                    "NO_SUCH_QSS_LABEL",
                    "--fstab",
                    fstab.toString(),
                    "--no-mount"));
            assertNotEquals(0, missing.exitCode());
            assertTrue(
                    missing.output().contains("no drive with a file system labelled NO_SUCH_QSS_LABEL"),
                    missing.output());
        }
    }

    @Test
    void givenAnInstall_whenTheServiceIsWritten_thenItStartsThisQssAndSystemdAcceptsIt() throws Exception {
        try (Distribution qss = Distribution.unpack(dir.resolve("dist"))) {
            Path out = dir.resolve("units");
            Distribution.CommandResult written = qss.run(List.of("bin/qss-get", "--service", "--out", out.toString()));
            assertEquals(0, written.exitCode(), written.output());
            String unit = Files.readString(out.resolve("qss.service"));
            String home = qss.home.toRealPath().toString();
            assertTrue(unit.contains("\nExecStart=" + home + "/bin/karaf server\n"), unit);
            assertTrue(unit.contains("\nExecStop=" + home + "/bin/stop\n"), unit);
            assertTrue(unit.contains("\nWantedBy=multi-user.target\n"), unit);
            Path analyze = Path.of("/usr/bin/systemd-analyze");
            if (Files.isExecutable(analyze)) {
                Process verify = new ProcessBuilder(
                                analyze.toString(),
                                "verify",
                                out.resolve("qss.service").toString())
                        .redirectErrorStream(true)
                        .start();
                String said = new String(verify.getInputStream().readAllBytes());
                assertEquals(0, verify.waitFor(), "systemd-analyze verify: " + said);
            }
        }
    }
}
