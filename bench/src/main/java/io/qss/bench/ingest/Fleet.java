// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Registers the simulated uPMUs through {@code bin/qss-console} and reads back their stream UUIDs. */
public final class Fleet {

    private Fleet() {}

    static String serial(int i) {
        return io.qss.dat.tools.sim.SyntheticDat.simulatedSerial(i);
    }

    public static String alias(int i) {
        return "bench" + i;
    }

    static boolean isExtended(int i, int extendedEvery) {
        return extendedEvery > 0 && i % extendedEvery == extendedEvery - 1;
    }

    public static void register(Path home, int devices, int extendedEvery) throws IOException, InterruptedException {
        for (int from = 0; from < devices; from += 200) {
            List<String> commands = new ArrayList<>();
            for (int i = from; i < Math.min(devices, from + 200); i++) {
                commands.add("upmu:add 10.9." + (i / 250) + "." + (i % 250) + " " + serial(i) + " " + alias(i) + " "
                        + isExtended(i, extendedEvery));
            }
            commands.add("upmu:save");
            console(home, String.join("; ", commands));
        }
    }

    /**
     * Stream path {@code /upmu/<alias>/<STREAM>} to UUID, from {@code upmu:export-ini} written to a file (a console
     * listing of thousands of streams can be cut short by the SSH channel).
     */
    public static Map<String, UUID> streams(Path home) throws IOException, InterruptedException {
        Path ini = Files.createTempFile("qss-bench-", ".ini");
        console(home, "upmu:export-ini " + ini);
        Map<String, UUID> out = new HashMap<>();
        UUID uuid = null;
        for (String line : Files.readAllLines(ini)) {
            String t = line.trim();
            if (t.startsWith("uuid = ")) {
                uuid = UUID.fromString(t.substring(7).trim());
            } else if (t.startsWith("Path = ") && uuid != null) {
                out.put(t.substring(7).trim(), uuid);
            }
        }
        Files.delete(ini);
        return out;
    }

    public static String console(Path home, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(home.resolve("bin/qss-console").toString(), command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("console command failed [command="
                    + command.substring(0, Math.min(80, command.length())) + ", output=" + out + "]");
        }
        return out;
    }
}
