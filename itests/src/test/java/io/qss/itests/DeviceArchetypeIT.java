// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * {@code device.type=csvmeter}; {@code kar:uninstall} takes the service away again.
 */
class DeviceArchetypeIT {

    private static final String TYPE = "csvmeter";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

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
            // A device of the new type and its points are checked here once device:add and the device manager
            // have landed: start a line server, device:add csvmeter m1 host=127.0.0.1 port=P, device:save,
            // then query /csvmeter/m1/VOLTS.

            qss.consoleOk("kar:uninstall " + karName(kar));
            awaitDeviceType(qss, false);
            assertEquals(qssBundles, qssBundles(qss), "qss bundles restarted or refreshed by the uninstall");
            assertEquals("OK", qss.status());
            qss.stop();
        }
    }

    /** The KAR's name in {@code kar:list}: its file name without {@code .kar}. */
    private static String karName(Path kar) {
        return kar.getFileName().toString().replaceFirst("\\.kar$", "");
    }

    /** Id, state and name of every qss bundle: equal lists mean none was restarted, refreshed or replaced. */
    private static List<String> qssBundles(Distribution qss) throws Exception {
        return Distribution.lines(qss.consoleOk("bundle:list -s -t 0")).stream()
                .filter(line -> line.contains("io.qss.")).map(String::strip).toList();
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
