// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices keep their data and identity in the running distribution: {@code upmu:importdat} of a mixed folder (three
 * serials, one device registered under an alias that is another serial) puts no file under another serial's
 * streams; {@code upmu:rem} then {@code upmu:add} brings the same streams back; only {@code --delete-data} deletes.
 */
class DeviceIdentityIT {

    private static final long START = 1_790_200_020L;
    private static final long NS = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void givenMixedFolder_whenImported_thenEachFileUnderItsOwnSerialAndIdentitySurvivesRemAdd() throws Exception {
        Path source = dir.resolve("mixed");
        writeDat(source.resolve("upmu_data/2026/09/19/14/P3001035_20260919_140000.dat"), START);
        writeDat(source.resolve("loose/file1.dat"), START + 60);
        writeDat(source.resolve("upmu_data/2026/09/19/14/P3001236_0.dat"), START + 600);
        writeDat(source.resolve("P3001236/upmu_data/2026/09/19/15/data_1.dat"), START + 660);
        writeDat(source.resolve("upmu_data/2026/09/19/14/P3001071_2026-09-19T14:00:00.dat"), START + 1200);
        writeDat(source.resolve("P3001035/P3001236_9.dat"), START + 1800);
        try (Distribution qss = Distribution.unpack(dir.resolve("qss"))) {
            qss.start();
            qss.consoleOk("upmu:add 10.0.0.1 P3001035 soda_a; upmu:add 10.0.0.2 P3001236 P3001071; upmu:save");

            Distribution.CommandResult byAlias = qss.console("upmu:importdat " + source + " P3001071");
            String forA = qss.consoleOk("upmu:importdat -q " + source + " P3001035");
            String forAll = qss.consoleOk("upmu:importdat -q " + source);

            assertNotEquals(0, byAlias.exitCode(), byAlias.output());
            assertTrue(byAlias.output().contains("no device with serial P3001071"), byAlias.output());
            assertTrue(forA.contains("2 imported") && forA.contains("4 refused"), forA);
            assertTrue(forA.matches("(?s).*upmu_data/2026/09/19/14/P3001236_0\\.dat +P3001236 +P3001035 .*"), forA);
            assertTrue(forAll.contains("2 imported") && forAll.contains("3 refused"), forAll);
            IngestIT.await(
                    () -> isSynced(qss, "soda_a", "P3001035", 2) && isSynced(qss, "P3001071", "P3001236", 2),
                    "both devices' imported files synced",
                    qss);
            assertEquals(points(qss, "soda_a", START, START + 120), points(qss, "soda_a", 0, START + 3600));
            assertEquals(2 * 60 * 120, points(qss, "soda_a", START, START + 120));
            assertEquals(2 * 60 * 120, points(qss, "P3001071", START + 600, START + 720));
            assertEquals(2 * 60 * 120, points(qss, "P3001071", 0, START + 3600));
            assertTrue(!Files.exists(qss.data.resolve("raw/P3001071")), "the unregistered serial got no spool");

            Map<String, String> before = streams(qss, "soda_a");
            qss.consoleOk("upmu:rem soda_a; upmu:save");
            qss.consoleOk("upmu:add 10.0.0.1 P3001035 soda_a; upmu:save");
            assertEquals(before, streams(qss, "soda_a"));
            assertEquals(2 * 60 * 120, points(qss, "soda_a", START, START + 120));

            qss.consoleOk("upmu:rem --delete-data --yes soda_a; upmu:save");
            qss.consoleOk("upmu:add 10.0.0.1 P3001035 soda_a; upmu:save");
            Map<String, String> after = streams(qss, "soda_a");
            assertEquals(before.keySet(), after.keySet());
            before.forEach((path, uuid) -> assertNotEquals(uuid, after.get(path), path));
            assertEquals(0, points(qss, "soda_a", 0, START + 3600));
        }
    }

    private static void writeDat(Path file, long startSecond) throws Exception {
        Files.createDirectories(file.getParent());
        byte[] data = SyntheticDats.generator(SyntheticDatOptions.of(startSecond, false))
                .generateFile(startSecond, 60);
        Files.write(file, data);
    }

    /** Points of the device's L1MAG from {@code fromSecond} (inclusive) to {@code toSecond} (exclusive). */
    private static long points(Distribution qss, String alias, long fromSecond, long toSecond) throws Exception {
        String out = qss.consoleOk("upmu:values --digest " + alias + " L1MAG " + fromSecond * NS + " " + toSecond * NS);
        int at = out.indexOf("points=");
        assertTrue(at >= 0, out);
        return Long.parseLong(out.substring(at + 7, out.indexOf(' ', at)));
    }

    /** Path to UUID of every stream of the device, as {@code upmu:streams} lists them. */
    private static Map<String, String> streams(Distribution qss, String alias) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Distribution.lines(qss.consoleOk("upmu:streams " + alias))) {
            if (line.startsWith("/upmu/")) {
                String[] f = line.trim().split("\\s+");
                out.put(f[0], f[1]);
            }
        }
        assertEquals(13, out.size(), out.toString());
        return out;
    }

    /** The device's upmu:list row says generation 1, nothing pending, {@code files} synced. */
    private static boolean isSynced(Distribution qss, String alias, String serial, int files) {
        return IngestIT.list(qss).matches("(?sm).*^" + alias + " +\\S+ +" + serial + " +base +1 +0 +" + files + " .*");
    }
}
