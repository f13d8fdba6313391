// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static io.qss.itests.GrpcCalls.count;
import static io.qss.itests.GrpcCalls.create;
import static io.qss.itests.GrpcCalls.insert;
import static io.qss.itests.GrpcCalls.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.qss.api.grpc.internal.v5api.BTrDBGrpc;
import io.qss.api.grpc.internal.v5api.InfoParams;
import io.qss.itests.UpdateArchives.Defect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline hot updates through {@code bin/qss-get -u} between two really different versions of the running
 * distribution: the built one and the same sources re-versioned as 0.1.1 (every qss bundle's Bundle-Version, shown
 * by {@code bundle:list} and reported by the binary API as its build). Damaged and incomplete archives are refused
 * with nothing changed; 0.1.1 swaps every qss bundle without a restart and keeps points, devices and accounts; a
 * 0.1.2 whose binary API cannot resolve fails and is rolled back with every bundle still at 0.1.1; a downgrade back
 * to the built version swaps every bundle back; {@code qss:update --rollback} returns to 0.1.1 again.
 */
class UpdateIT {

    private static final long T0 = 1_474_321_946_000_000_000L;
    private static final int POINTS = 10_000;
    private static final String NEWER = "0.1.1";
    /** The bundle that updates and rollbacks must never swap: it runs them. */
    private static final String OPS_BUNDLE = "io.qss.ops";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void givenRunningQss_whenUpdatedBetweenVersionsAndBack_thenBundlesSwapDataStaysAndFailuresRollBack()
            throws Exception {
        UpdateArchives archives = new UpdateArchives();
        String built = System.getProperty("qss.version");
        String builtBundles = built.replace('-', '.');
        try (Distribution qss = Distribution.unpack(dir.resolve("dist"))) {
            // a never-serving version must fail within the test's time, not after the shipped 90 s
            qss.appendConfig("etc/io.qss.ops.cfg", "healthTimeoutSeconds = 20\n");
            qss.start();
            long javaPid = qss.pid();
            UUID stream = writeData(qss);
            assertEveryQssBundleAt(qss, builtBundles);

            Path corrupted = archives.build(dir.resolve("corrupted"), NEWER);
            refusedWithNothingChanged(
                    qss, unpackAndCorrupt(corrupted), "checksum mismatch, archive refused", builtBundles);
            Path incomplete = archives.build(
                    dir.resolve("incomplete"),
                    NEWER,
                    Defect.MISSING,
                    name -> name.contains("io.qss.api.rest/" + NEWER + "/"));
            refusedWithNothingChanged(qss, incomplete, "update archive lacks bundles its features need", builtBundles);

            Path good = archives.build(dir.resolve("good"), NEWER);
            swapped(qss, good, NEWER, "update_to_serving_s");
            assertDataKept(qss, stream);
            assertEquals(javaPid, qss.pid(), "the update restarted the JVM");

            // a version whose binary API cannot resolve fails as a whole and leaves every 0.1.1 bundle running
            Path unresolvable = archives.build(
                    dir.resolve("unresolvable"),
                    "0.1.2",
                    Defect.UNRESOLVABLE,
                    name -> name.contains("io.qss.api.grpc/0.1.2/"));
            long started = System.nanoTime();
            Distribution.CommandResult failed = qss.run(List.of("bin/qss-get", "-u", unresolvable.toString()));
            System.out.printf("failed_update_rolled_back_s=%.2f%n", (System.nanoTime() - started) / 1e9);
            assertNotEquals(0, failed.exitCode(), failed.output());
            assertTrue(failed.output().contains("rolled back to " + NEWER), failed.output());
            assertSwappedTo(qss, NEWER);

            Path back = archives.build(dir.resolve("back"), built);
            swapped(qss, back, builtBundles, "downgrade_to_serving_s");
            assertDataKept(qss, stream);

            long rollbackStarted = System.nanoTime();
            String rolledBack = qss.consoleOk("qss:update --rollback");
            System.out.printf("rollback_to_serving_s=%.2f%n", (System.nanoTime() - rollbackStarted) / 1e9);
            assertTrue(rolledBack.contains("updated"), rolledBack);
            assertSwappedTo(qss, NEWER);
            assertDataKept(qss, stream);
            assertEquals(javaPid, qss.pid(), "an update restarted the JVM");
            qss.stop();
        }
    }

    /** A stream with points, a device and a plotter account, written before any update. */
    private UUID writeData(Distribution qss) throws Exception {
        qss.insertProbe("before-update");
        qss.consoleOk("upmu:add 10.0.0.9 P3509999 updated-device; upmu:save");
        qss.consoleOk("plotter:adduser carol carol-pw");
        String key = qss.createWriteKey("update-itest").secret();
        UUID stream = UUID.randomUUID();
        ManagedChannel channel = channel(qss);
        try {
            BTrDBGrpc.BTrDBBlockingStub writer = withKey(BTrDBGrpc.newBlockingStub(channel), key);
            assertEquals(
                    0,
                    writer.create(create(stream, "upmu/update-itest")).getStat().getCode());
            assertEquals(0, writer.insert(insert(stream, T0, POINTS)).getStat().getCode());
            assertEquals(POINTS, count(writer, stream, T0));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        return stream;
    }

    private void assertDataKept(Distribution qss, UUID stream) throws Exception {
        assertNotNull(qss.findProbe("before-update"), "MongoDB data lost by the update");
        assertTrue(qss.consoleOk("upmu:list").contains("updated-device"), "device lost by the update");
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create(qss.plotterUrl() + "/api/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"carol\",\"password\":\"carol-pw\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), "account lost by the update: " + login.body());
        ManagedChannel channel = channel(qss);
        try {
            assertEquals(POINTS, count(BTrDBGrpc.newBlockingStub(channel), stream, T0), "points lost by the update");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void refusedWithNothingChanged(Distribution qss, Path archive, String reason, String version)
            throws Exception {
        Distribution.CommandResult refused = qss.run(List.of("bin/qss-get", "-u", archive.toString()));
        assertNotEquals(0, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains(reason), refused.output());
        assertEquals(version, version(qss));
        assertEveryQssBundleAt(qss, version);
        assertEquals("OK", qss.status());
    }

    private void swapped(Distribution qss, Path archive, String version, String figure) throws Exception {
        long started = System.nanoTime();
        Distribution.CommandResult updated = qss.run(List.of("bin/qss-get", "-u", archive.toString()));
        System.out.printf("%s=%.2f%n", figure, (System.nanoTime() - started) / 1e9);
        assertEquals(0, updated.exitCode(), updated.output());
        assertSwappedTo(qss, version);
    }

    /** qss:version, every qss bundle's version, the build the binary API reports, and /status OK. */
    private void assertSwappedTo(Distribution qss, String version) throws Exception {
        assertEquals(version, version(qss));
        assertEveryQssBundleAt(qss, version);
        ManagedChannel channel = channel(qss);
        try {
            String build = BTrDBGrpc.newBlockingStub(channel)
                    .info(InfoParams.getDefaultInstance())
                    .getBuild();
            assertTrue(build.startsWith("qss ") && isAt(build.substring(4), version), build);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        assertEquals("OK", qss.status());
    }

    /** Every io.qss bundle but the one running updates is active at {@code version}. */
    private static void assertEveryQssBundleAt(Distribution qss, String version) throws Exception {
        Map<String, String> bundles = qssBundles(qss);
        assertTrue(bundles.size() >= 15, "qss bundles: " + bundles);
        for (Map.Entry<String, String> bundle : bundles.entrySet()) {
            if (!bundle.getKey().equals(OPS_BUNDLE)) {
                String[] stateAndVersion = bundle.getValue().split(" ");
                assertTrue(
                        stateAndVersion[0].equals("Active") && isAt(stateAndVersion[1], version),
                        bundle.getKey() + " at " + version + " in " + bundles);
            }
        }
    }

    /**
     * True when a bundle version is {@code version}; the build stamps snapshot bundles, so {@code 0.1.0.SNAPSHOT}
     * stands for any {@code 0.1.0.<timestamp>}.
     */
    private static boolean isAt(String bundleVersion, String version) {
        String snapshot = "SNAPSHOT";
        return bundleVersion.equals(version)
                || version.endsWith("." + snapshot)
                        && bundleVersion.startsWith(version.substring(0, version.length() - snapshot.length()));
    }

    /** Symbolic name of each io.qss bundle, with its state and version, e.g. {@code Active 0.1.1}. */
    private static Map<String, String> qssBundles(Distribution qss) throws Exception {
        Map<String, String> bundles = new TreeMap<>();
        for (String line : Distribution.lines(qss.consoleOk("bundle:list -s -t 0"))) {
            String[] columns = line.split("[│|]"); // '|' without a terminal
            if (columns.length == 5 && columns[4].trim().startsWith("io.qss.")) {
                bundles.put(columns[4].trim(), columns[1].trim() + " " + columns[3].trim());
            }
        }
        return bundles;
    }

    private static ManagedChannel channel(Distribution qss) {
        return NettyChannelBuilder.forAddress("127.0.0.1", qss.grpcPort)
                .usePlaintext()
                .build();
    }

    /** Unpacks the archive into a folder and flips one byte of its KAR, after the checksums were written. */
    private static Path unpackAndCorrupt(Path archive) throws Exception {
        Path root = archive.getParent().resolve(archive.getFileName().toString().replace(".tar.gz", ""));
        UpdateArchives.flipByteOfKar(root);
        return root;
    }

    /** The first line of {@code qss:version}; ssh may add its own notice after it. */
    private static String version(Distribution qss) throws Exception {
        return qss.console("qss:version")
                .output()
                .lines()
                .findFirst()
                .orElse("")
                .trim();
    }
}
