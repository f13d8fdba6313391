// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.tools.send.UpmuSender;
import io.qss.dat.tools.send.UpmuSenderOptions;
import io.qss.dat.tools.send.UpmuSenders;
import io.qss.dat.tools.sim.SyntheticDat;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uPMU device bundle is swappable in the running distribution: stopped, uninstalled, installed again and updated
 * while a uPMU sends files. Meanwhile its device is paused ({@code upmu:list}, {@code /health}), the files wait, the
 * framework bundles (registry, sync, shell, receiver) stay active and are never restarted or refreshed, and in the end
 * every file is synced with exactly its points in the store: none lost, none twice.
 */
class DeviceTypeSwapIT {

    private static final long START = 1_790_400_000L;
    private static final String SERIAL = "P3800001";
    private static final String ALIAS = "swap1";
    private static final String DEVICE_BUNDLE = "io.qss.device.upmu";
    private static final List<String> FRAMEWORK =
            List.of("io.qss.registry", "io.qss.sync", "io.qss.shell", "io.qss.receiver", "io.qss.dat", "io.qss.device");
    private static final List<String> FRAMEWORK_SERVICES = List.of(
            "io.qss.registry.DeviceRegistry",
            "io.qss.sync.SyncService",
            "io.qss.receiver.Spool",
            "io.qss.receiver.ReceiverStatus");
    private static final String PAUSED = "paused: device type upmu not installed";
    private static final long POINTS_PER_FILE = 60 * 120;

    @TempDir
    Path dir;

    private final SyntheticDat sim = SyntheticDats.generator(SyntheticDatOptions.of(38, false));
    private int sent;

    @Test
    void givenStreamingUpmu_whenItsDeviceBundleIsStoppedUninstalledReinstalledAndUpdated_thenNoPointLostOrDoubled()
            throws Exception {
        try (Distribution qss = Distribution.unpack(dir)) {
            qss.start();
            qss.consoleOk("upmu:add 10.0.0.8 " + SERIAL + " " + ALIAS + "; upmu:save");
            send(qss, 2);
            awaitSynced(qss, 2);
            String frameworkBefore = frameworkState(qss);
            String location = bundles(qss.consoleOk("bundle:list -t 0 -l")).keySet().stream()
                    .filter(l -> l.startsWith("mvn:io.qss/" + DEVICE_BUNDLE + "/"))
                    .findFirst()
                    .orElseThrow();

            qss.consoleOk("bundle:stop " + deviceBundleId(qss));
            send(qss, 2);
            awaitPaused(qss, 2);
            qss.consoleOk("bundle:start " + deviceBundleId(qss));
            awaitSynced(qss, 4);

            qss.consoleOk("bundle:uninstall " + deviceBundleId(qss));
            send(qss, 2);
            awaitPaused(qss, 2);
            String lastReceived = qss.consoleOk("upmu:lastreceived");
            assertTrue(lastReceived.contains(PAUSED + " [alias=" + ALIAS + ", pending=2]"), lastReceived);
            qss.consoleOk("bundle:install -s " + location);
            awaitSynced(qss, 6);

            updateWhileSending(qss, 8);
            awaitSynced(qss, 14);

            assertEquals(frameworkBefore, frameworkState(qss), "framework bundles and components untouched");
            assertPointsExactly(qss, sent);
            long sinceStart = pointsSinceStart(qss);
            assertTrue(
                    sinceStart >= sent * 13 * POINTS_PER_FILE,
                    "sync kept running: its points since start cover every file [pointsSinceStart=" + sinceStart + "]");
            assertTrue(!IngestIT.list(qss).contains("paused"), IngestIT.list(qss));
        }
    }

    /** Sends {@code files} files one after the other while the device bundle is updated twice. */
    private void updateWhileSending(Distribution qss, int files) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try {
                for (int i = 0; i < files; i++) {
                    send(qss, 1);
                    Thread.sleep(150);
                }
            } catch (Exception e) {
                failure.set(e);
            }
        });
        sender.start();
        qss.consoleOk("bundle:update " + deviceBundleId(qss));
        qss.consoleOk("bundle:update " + deviceBundleId(qss));
        sender.join(120_000);
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void send(Distribution qss, int files) throws Exception {
        try (UpmuSender sender = UpmuSenders.sender(UpmuSenderOptions.of("127.0.0.1", qss.receiverPort, SERIAL))) {
            for (int i = 0; i < files; i++) {
                long t;
                synchronized (this) {
                    t = START + 60L * sent++;
                }
                String path = SyntheticDat.relativePath(SERIAL, t);
                assertTrue(sender.sendOnce(path, sim.generateFile(t, 60)), "not acknowledged: " + path);
            }
        }
    }

    private static void awaitSynced(Distribution qss, int files) throws Exception {
        IngestIT.await(
                () -> IngestIT.isSynced(IngestIT.list(qss), new IngestIT.Device(SERIAL, ALIAS, false), files),
                files + " files synced",
                qss);
    }

    /** upmu:list and /health say the device is paused with {@code pending} files waiting, none failed. */
    private static void awaitPaused(Distribution qss, int pending) throws Exception {
        String line = PAUSED + " [alias=" + ALIAS + ", pending=" + pending + "]";
        IngestIT.await(() -> IngestIT.list(qss).contains(line), "paused with " + pending + " files waiting", qss);
        String health = qss.get("/health");
        assertTrue(
                health.contains("\"sync\":{\"state\":\"DEGRADED\"") && health.contains(PAUSED + " [devices=1]"),
                health);
        assertTrue(
                IngestIT.list(qss)
                        .matches("(?sm).*^" + ALIAS + " +\\S+ +" + SERIAL + " +base +1 +" + pending + " +\\d+ +0 .*"),
                IngestIT.list(qss));
    }

    /** Every stream of the device holds exactly {@code files} files' points. */
    private static void assertPointsExactly(Distribution qss, int files) throws Exception {
        int streams = 0;
        for (String line : Distribution.lines(qss.consoleOk("upmu:streams -c " + ALIAS))) {
            if (line.startsWith("/upmu/" + ALIAS + "/")) {
                String[] f = line.trim().split("\\s+");
                assertEquals(files * POINTS_PER_FILE, Long.parseLong(f[f.length - 1]), line);
                streams++;
            }
        }
        assertEquals(13, streams);
    }

    private static long pointsSinceStart(Distribution qss) {
        String health = qss.get("/health");
        Matcher m = Pattern.compile("\"pointsSinceStart\":(\\d+)").matcher(health);
        assertTrue(m.find(), health);
        return Long.parseLong(m.group(1));
    }

    /**
     * The framework bundles' ids, states and versions, and the component and service ids of their services: a
     * restart or refresh of a bundle re-registers its components' services under new ids.
     */
    private static String frameworkState(Distribution qss) throws Exception {
        Map<String, String> bundles = bundles(qss.consoleOk("bundle:list -t 0 -s"));
        StringBuilder out = new StringBuilder();
        for (String name : FRAMEWORK) {
            String line = bundles.get(name);
            assertTrue(line != null && line.contains("Active"), name + ": " + line);
            out.append(name).append(' ').append(line).append('\n');
        }
        for (String service : FRAMEWORK_SERVICES) {
            List<String> ids = Distribution.lines(qss.consoleOk("service:list " + service)).stream()
                    .map(String::trim)
                    .filter(l -> l.startsWith("component.id =") || l.startsWith("service.id ="))
                    .toList();
            assertEquals(2, ids.size(), service + ": " + ids);
            out.append(service).append(' ').append(ids).append('\n');
        }
        return out.toString();
    }

    private static String deviceBundleId(Distribution qss) throws Exception {
        String line = bundles(qss.consoleOk("bundle:list -t 0 -s")).get(DEVICE_BUNDLE);
        assertTrue(line != null, DEVICE_BUNDLE + " not installed");
        return line.split(" ")[0];
    }

    /**
     * The rows of {@code bundle:list} by their last column (symbolic name with {@code -s}, location with {@code -l}),
     * each as {@code id state level version}.
     */
    private static Map<String, String> bundles(String list) {
        Map<String, String> rows = new TreeMap<>();
        for (String line : Distribution.lines(list)) {
            String[] columns = line.split("[│|]"); // '|' without a terminal
            if (columns.length == 5 && columns[0].trim().matches("\\d+")) {
                rows.put(
                        columns[4].trim(),
                        columns[0].trim() + " " + columns[1].trim() + " " + columns[2].trim() + " "
                                + columns[3].trim());
            }
        }
        return rows;
    }
}
