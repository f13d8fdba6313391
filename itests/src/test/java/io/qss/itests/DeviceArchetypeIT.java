// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third party's device bundle in the running distribution: the KAR of the project that the device archetype
 * generates (built and contract-tested by the archetype's own integration test) installs with {@code kar:install}
 * without a restart - every qss bundle keeps its id and state - and its {@code DeviceType} service registers with
 * {@code device.type=csvmeter}; a meter of that type, added with {@code device:add}, gets every line it sends
 * stored; {@code kar:uninstall} takes the service away again.
 */
class DeviceArchetypeIT {

    private static final String TYPE = "csvmeter";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int LINES = 200;
    private static final long FIRST_NS = 1_790_400_000_000_000_000L;
    private static final long STEP_NS = 10_000_000L;

    @TempDir
    Path dir;

    @Test
    void givenRunningQss_whenGeneratedKarInstalled_thenDeviceTypeRegistersWithoutRestart() throws Exception {
        Path kar = Path.of(System.getProperty("qss.device.archetype.kar"));
        assertTrue(Files.isRegularFile(kar), "the archetype's integration test builds the KAR first: " + kar);
        try (Distribution qss = Distribution.unpack(dir.resolve("qss"))) {
            qss.start();
            List<String> qssBundles = qssBundles(qss);

            long started = System.nanoTime();
            qss.consoleOk("kar:install file:" + kar);
            String service = awaitDeviceType(qss, true);
            System.out.printf("device_archetype_install_s=%.2f%n", (System.nanoTime() - started) / 1e9);

            assertTrue(service.contains("org.example.csvmeter"), service);
            assertEquals(qssBundles, qssBundles(qss), "qss bundles restarted or refreshed by the install");
            assertEquals("OK", qss.status());
            assertMeterPointsStored(qss);

            qss.consoleOk("kar:uninstall " + karName(kar));
            awaitDeviceType(qss, false);
            assertEquals(qssBundles, qssBundles(qss), "qss bundles restarted or refreshed by the uninstall");
            assertEquals("OK", qss.status());
            qss.stop();
        }
    }

    /**
     * A meter of the new type: a line server in the test sends {@code epoch_ns,volts} lines (one of them garbage);
     * {@code device:add csvmeter m1}, {@code device:save}; every line's point is read back through the REST API and
     * the garbage line is counted invalid.
     */
    private static void assertMeterPointsStored(Distribution qss) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            lines.append(FIRST_NS + i * STEP_NS).append(',').append(volts(i)).append('\n');
            if (i == LINES / 2) {
                lines.append("not a reading\n");
            }
        }
        try (ServerSocket meter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> serve(meter, lines.toString()), "csvmeter-line-server");
            server.setDaemon(true);
            server.start();
            LiveDevices devices =
                    new LiveDevices(qss, qss.createWriteKey("archetype").secret());
            qss.consoleOk("device:add " + TYPE + " m1 host=127.0.0.1 port=" + meter.getLocalPort() + "; device:save");
            String uuid = devices.streams("m1").get("/" + TYPE + "/m1/VOLTS");
            assertTrue(uuid != null, devices.streams("m1").toString());
            long end = FIRST_NS + LINES * STEP_NS;
            devices.await(() -> devices.count(uuid, FIRST_NS, end) == LINES, LINES + " points of m1");
            List<LiveDevices.Point> points = devices.points(uuid, FIRST_NS, end);
            for (int i = 0; i < LINES; i++) {
                assertEquals(FIRST_NS + i * STEP_NS, points.get(i).time(), "time of line " + i);
                assertEquals(volts(i), points.get(i).value(), "volts of line " + i);
            }
            String status = devices.awaitStatus("m1", "RECEIVING", "");
            String validAndInvalid = "m1\\s+" + TYPE + "\\s+RECEIVING\\s+\\S+\\s+" + LINES + "\\s+1\\s.*";
            assertTrue(status.matches(validAndInvalid), status);
            qss.consoleOk("device:rem --delete-data --yes m1; device:save");
        }
    }

    private static double volts(int line) {
        return 230.0 + (line % 17) * 0.125;
    }

    /** Accepts qss's connection, sends the lines and keeps the connection open until qss closes it. */
    private static void serve(ServerSocket meter, String lines) {
        try (Socket qss = meter.accept()) {
            qss.getOutputStream().write(lines.getBytes(StandardCharsets.US_ASCII));
            qss.getOutputStream().flush();
            qss.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the test fails on the missing points; the server has nothing to add
        }
    }

    /** The KAR's name in {@code kar:list}: its file name without {@code .kar}. */
    private static String karName(Path kar) {
        return kar.getFileName().toString().replaceFirst("\\.kar$", "");
    }

    /** Id, state and name of every qss bundle: equal lists mean none was restarted, refreshed or replaced. */
    private static List<String> qssBundles(Distribution qss) throws Exception {
        return Distribution.lines(qss.consoleOk("bundle:list -s -t 0")).stream()
                .filter(line -> line.contains("io.qss."))
                .map(String::strip)
                .toList();
    }

    /**
     * Waits until a {@code DeviceType} service with {@code device.type=csvmeter} is registered (or gone); returns the
     * services' listing.
     */
    private static String awaitDeviceType(Distribution qss, boolean isRegistered) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String services = deviceTypes(qss);
        while (hasCsvMeter(services) != isRegistered) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("device type " + TYPE + (isRegistered ? " not registered" : " still there")
                        + " after " + TIMEOUT + ": " + services + "\nlog errors: " + qss.bootErrors());
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            services = deviceTypes(qss);
        }
        return services;
    }

    private static boolean hasCsvMeter(String services) {
        return services.lines().anyMatch(line -> line.matches("\\s*device\\.type\\s*=\\s*" + TYPE + "\\s*"));
    }

    private static String deviceTypes(Distribution qss) throws Exception {
        return qss.console("service:list io.qss.device.DeviceType").output();
    }
}
