// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.migrate;

import io.qss.shell.internal.migrate.QuickstartDump;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Migration throughput against a running qss that does not hold the fixture's devices yet: writes a Quickstart
 * Server's mongodump of {@code --files} received files (three uPMUs, one extended, one-minute files of
 * {@code --records} records) into {@code --work}, then times {@code bin/qss-get --migrate} (spooling, decoding, sync
 * into the store, report) and prints files/s and points/s of the whole command and of the spooling step.
 *
 * <pre>
 * ./qss bench migrate --qss-home /opt/qss --files 10000 --records 60 --work /tmp/qss-migrate-bench
 * </pre>
 */
public final class MigrateBenchMain {

    private static final Pattern POINTS = Pattern.compile("points: (\\d+); this run ([0-9.]+) s, ([0-9.]+) files/s");

    private MigrateBenchMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path home = Path.of(a.getOrDefault("qss-home", "karaf-assembly/target/assembly"))
                .toAbsolutePath();
        int files = Integer.parseInt(a.getOrDefault("files", "10000"));
        int records = Integer.parseInt(a.getOrDefault("records", "60"));
        Path work = Path.of(a.getOrDefault("work", System.getProperty("java.io.tmpdir") + "/qss-migrate-bench"));

        long written = System.nanoTime();
        QuickstartDump dump = QuickstartDump.write(Files.createDirectories(work), Math.max(1, files / 3), records);
        System.out.printf(
                "dump: %d documents written in %.1f s to %s%n",
                dump.documents, (System.nanoTime() - written) / 1e9, dump.dump);

        long started = System.nanoTime();
        String report = run(List.of(
                home.resolve("bin/qss-get").toString(),
                "--migrate",
                dump.dump.toString(),
                "--upmuconfig",
                dump.upmuconfig.toString(),
                "--tagconfig",
                dump.tagconfig.toString()));
        double seconds = (System.nanoTime() - started) / 1e9;
        Matcher m = POINTS.matcher(report);
        if (!m.find()) {
            System.out.println(report);
            throw new IllegalStateException("the migration printed no report line [pattern=" + POINTS + "]");
        }
        long points = Long.parseLong(m.group(1));
        System.out.printf(
                "migrate (spool + sync + report): %d documents in %.1f s: %.1f files/s, %.0f points/s%n",
                dump.documents, seconds, dump.documents / seconds, points / seconds);
        System.out.printf(
                "spooling step alone: %s s, %s files/s (%d points in the files)%n", m.group(2), m.group(3), points);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .start();
        StringBuilder out = new StringBuilder();
        try (var reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println(line);
                out.append(line).append('\n');
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("bin/qss-get --migrate failed [exit=" + p.exitValue() + "]");
        }
        return out.toString();
    }
}
