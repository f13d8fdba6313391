// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code ./qss bench peers}: the same data and questions for qss and the systems users would pick instead
 * (QuestDB, InfluxDB 1.x, VictoriaMetrics), each started by the bench on this machine, one after the other.
 * Prints a table and {@code key=value} lines, among them one qss/peer ratio per figure and peer (above 1, qss is
 * better). See docs/benchmarks.md for the method.
 */
public final class PeersBenchMain {

    static final Report.Figure INGEST = new Report.Figure("ingest", "ingest uPMU data", "points/s", true);
    static final Report.Figure INGEST_RECEIVER =
            new Report.Figure("ingest_receiver", "ingest, qss via receiver", "points/s", true);
    static final Report.Figure SPAN_LOAD = new Report.Figure("span_load", "load the long stream", "points/s", true);
    static final Report.Figure BYTES = new Report.Figure("bytes", "disk after compaction", "bytes/point", false);
    static final Report.Figure WINDOWS = new Report.Figure("windows", "1,000 windows, warm", "ms", false);
    static final Report.Figure WINDOWS_RESTART =
            new Report.Figure("windows_restart", "1,000 windows, restarted", "ms", false);
    static final Report.Figure RAW = new Report.Figure("raw", "raw hour", "points/s", true);
    static final Report.Figure LATEST = new Report.Figure("latest", "latest of 26 streams", "ms", false);

    /** Timed repetitions stop once they have taken this long, so a slow peer is measured once. */
    private static final long REPEAT_BUDGET_NANOS = 30_000_000_000L;

    private final PeersOptions options;
    private final Workload workload;
    private final Report report;

    private PeersBenchMain(PeersOptions options, Workload workload) {
        this.options = options;
        this.workload = workload;
        this.report = new Report(options.systems());
    }

    public static void main(String[] args) throws Exception {
        PeersOptions options;
        try {
            options = PeersOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("load_average_start=" + loadAverage());
        long t0 = System.nanoTime();
        Workload workload = Workload.generate(options.hours(), options.days());
        System.out.printf(
                Locale.ROOT,
                "data_upmu=%d_devices_x_13_channels_x_%dh_120Hz_%dpts%n",
                Workload.DEVICES,
                options.hours(),
                workload.upmuPoints());
        System.out.printf(
                Locale.ROOT,
                "data_span=%dd_120Hz_%dpts%ndata_generate_s=%.1f%n",
                options.days(),
                workload.spanPoints(),
                (System.nanoTime() - t0) / 1e9);
        new PeersBenchMain(options, workload).run();
    }

    private void run() throws IOException {
        Files.createDirectories(options.dir());
        for (String name : options.systems()) {
            try (BenchedSystem system = create(name)) {
                report.note(name, system.durability());
                measure(name, system);
            } catch (Exception e) {
                report.note(name + " failed", e.toString() + (e.getCause() == null ? "" : "; cause: " + e.getCause()));
                e.printStackTrace();
            }
            report.keyValues(name).forEach(System.out::println);
            System.out.println("done_" + name + " load_average=" + loadAverage());
        }
        if (options.receiver() != null) {
            receiverIngest();
        }
        report.note("load average at the end", loadAverage());
        report.lines().forEach(System.out::println);
    }

    /**
     * qss's ingest through the receiver of the running distribution; each peer's row shows its one ingest figure
     * again, so the ratio compares the two qss paths with the same peer figure.
     */
    private void receiverIngest() {
        try {
            report.put(INGEST_RECEIVER, "qss", ReceiverIngest.pointsPerSecond(options.receiver(), workload));
            options.peers()
                    .forEach(peer -> report.value(INGEST, peer).ifPresent(v -> report.put(INGEST_RECEIVER, peer, v)));
            report.note(
                    "qss via receiver",
                    "distribution at " + options.receiver().home()
                            + ", default settings (each file fsynced in the spool before it is acknowledged),"
                            + " timed to queryable");
        } catch (Exception e) {
            report.note("qss via receiver failed", e.toString());
            e.printStackTrace();
        }
    }

    private BenchedSystem create(String name) throws IOException {
        Path dir = options.dir().resolve(name);
        return switch (name) {
            case "qss" -> new QssSystem(dir);
            case "questdb" -> new QuestDbPeer(dir, questDbJar(), false);
            case "questdb_sync" -> new QuestDbPeer(dir, questDbJar(), true);
            case "influxdb" -> new InfluxPeer(dir);
            case "victoriametrics" -> new VictoriaPeer(dir);
            default -> throw new IllegalArgumentException("unknown system [system=" + name + "]");
        };
    }

    /** Every figure for one system; questdb_sync only ingests (its queries are questdb's). */
    private void measure(String name, BenchedSystem system) throws Exception {
        system.start();
        long start = System.nanoTime();
        system.ingestUpmu(workload, options.threads());
        report.put(INGEST, name, workload.upmuPoints() / seconds(start));
        system.awaitVisible(workload);
        System.out.printf(Locale.ROOT, "visible_%s_s=%.2f%n", name, seconds(start));
        if (name.equals("questdb_sync")) {
            return;
        }
        start = System.nanoTime();
        system.loadSpan(workload, options.threads());
        report.put(SPAN_LOAD, name, workload.spanPoints() / seconds(start));
        system.compact();
        report.put(BYTES, name, (double) system.bytesOnDisk() / (workload.upmuPoints() + workload.spanPoints()));
        report.put(WINDOWS, name, bestMillis(name, "windows", 1000, () -> system.windows(workload, 1000)));
        long hour = 432_000;
        long from = Workload.time(workload.spanPoints() / 2);
        long to = Workload.time(workload.spanPoints() / 2 + hour);
        report.put(RAW, name, hour / (bestMillis(name, "raw", hour, () -> system.raw(from, to)) / 1e3));
        report.put(LATEST, name, bestMillis(name, "latest", 26, () -> system.latest(workload)));
        system.restart();
        boolean isDropped = options.dropCaches() && Disk.dropCaches();
        report.note(name + " restart", isDropped ? "page cache dropped before the query" : "page cache kept");
        long t = System.nanoTime();
        check(name, "windows_restart", 1000, system.windows(workload, 1000));
        report.put(WINDOWS_RESTART, name, (System.nanoTime() - t) / 1e6);
    }

    /** A warm-up call, then up to {@code repeats} timed calls within the budget; the fastest in ms. */
    private double bestMillis(String system, String figure, long expected, Query query) throws Exception {
        check(system, figure, expected, query.run());
        double best = Double.MAX_VALUE;
        long budgetEnd = System.nanoTime() + REPEAT_BUDGET_NANOS;
        for (int r = 0; r < options.repeats() && (r == 0 || System.nanoTime() < budgetEnd); r++) {
            long t = System.nanoTime();
            query.run();
            best = Math.min(best, (System.nanoTime() - t) / 1e6);
        }
        return best;
    }

    /** Notes an answer of another size than asked (a window more or less is allowed: edges differ). */
    private void check(String system, String figure, long expected, long got) {
        long slack = expected >= 1000 && expected < 10_000 ? 1 : 0;
        if (Math.abs(got - expected) > slack) {
            report.note(system + " " + figure, "answered " + got + " instead of " + expected);
        }
    }

    /** A timed question; returns how many items it received. */
    interface Query {
        long run() throws Exception;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** QuestDB's jar on this bench's class path (bench/target/lib). */
    static Path questDbJar() throws IOException {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> Path.of(p).getFileName().toString().startsWith("questdb-"))
                .map(p -> Path.of(p).toAbsolutePath())
                .findFirst()
                .orElseThrow(() -> new IOException("QuestDB jar not on the class path [class.path="
                        + System.getProperty("java.class.path") + "]"));
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
