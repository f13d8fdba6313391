// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

import io.qss.dat.DatStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * QuestDB from its Maven jar ({@code io.questdb.ServerMain} in a JVM of its own), written with ILP over HTTP
 * ({@code /write}). The tables are created first with FLOAT columns (the data is float32) and TIMESTAMP_NS, WAL,
 * partitioned by day. {@code cairo.commit.mode} is nosync (its default: the WAL is written, not fsynced, before
 * the acknowledgement) or sync.
 */
final class QuestDbPeer extends LineProtocolPeer {

    private static final Pattern COUNT = Pattern.compile("\"count\":(\\d+)");

    private final boolean isSync;
    private final int port;
    private final ServerProcess server;

    QuestDbPeer(Path dir, Path jar, boolean isSync) throws IOException {
        this(dir, jar, isSync, Ports.free());
    }

    private QuestDbPeer(Path dir, Path jar, boolean isSync, int port) {
        super(dir, port);
        this.isSync = isSync;
        this.server = new ServerProcess(
                List.of(Ports.java(), "-Xmx4g", "-cp", jar.toString(), "io.questdb.ServerMain", "-d", dir.toString()),
                dir);
        this.port = port;
    }

    @Override
    public String durability() {
        return isSync
                ? "cairo.commit.mode=sync: WAL fsynced before the acknowledgement"
                : "cairo.commit.mode=nosync (default): WAL written, not fsynced, at the acknowledgement";
    }

    @Override
    String writePath() {
        return "/write?precision=n";
    }

    @Override
    public void start() throws Exception {
        Disk.deleteTree(dir);
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(
                dir.resolve("conf/server.conf"),
                String.join(
                        "\n",
                        "http.bind.to=127.0.0.1:" + port,
                        "http.min.enabled=false",
                        "pg.enabled=false",
                        "line.tcp.enabled=false",
                        "line.udp.enabled=false",
                        "telemetry.enabled=false",
                        "cairo.commit.mode=" + (isSync ? "sync" : "nosync"),
                        ""));
        server.start(http, "/exec?query=select%201");
        String floats = Workload.CHANNELS.stream().map(c -> c.name() + " FLOAT").collect(Collectors.joining(", "));
        exec("CREATE TABLE upmu (device SYMBOL, " + floats + ", timestamp TIMESTAMP_NS) timestamp(timestamp)"
                + " PARTITION BY DAY WAL");
        exec("CREATE TABLE span (v FLOAT, timestamp TIMESTAMP_NS) timestamp(timestamp) PARTITION BY DAY WAL");
    }

    @Override
    public void awaitVisible(Workload workload) throws Exception {
        awaitCount("upmu", (long) Workload.DEVICES * workload.upmuSamples());
    }

    @Override
    public void loadSpan(Workload workload, int threads) throws Exception {
        super.loadSpan(workload, threads);
        awaitCount("span", workload.spanPoints());
    }

    /** QuestDB has no compaction to run: columns are plain files; waits for the WAL apply to settle. */
    @Override
    public void compact() throws Exception {
        Disk.awaitStableSize(dir.resolve("db"), 5, 300);
    }

    @Override
    public long bytesOnDisk() throws Exception {
        return Disk.allocatedBytes(dir.resolve("db"));
    }

    @Override
    public long windows(Workload workload, int count) throws Exception {
        long widthMillis = (workload.spanEnd() - Workload.time(0)) / 1_000_000 / count;
        return count(exec("SELECT timestamp, min(v), avg(v), max(v) FROM span WHERE "
                + range(Workload.time(0), workload.spanEnd()) + " SAMPLE BY " + widthMillis
                + "T ALIGN TO FIRST OBSERVATION"));
    }

    @Override
    public long raw(long from, long to) throws Exception {
        return http.countLines(
                        "/exp",
                        Http.params("query", "SELECT timestamp, v FROM span WHERE " + range(from, to)),
                        Map.of())
                - 1;
    }

    @Override
    public long latest(Workload workload) throws Exception {
        return count(exec("SELECT * FROM upmu LATEST ON timestamp PARTITION BY device")) * DatStream.BASE_COUNT;
    }

    @Override
    public void restart() throws Exception {
        server.stop();
        server.start(http, "/exec?query=select%201");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private String exec(String sql) throws IOException, InterruptedException {
        return http.get("/exec", Http.params("query", sql));
    }

    private void awaitCount(String table, long expected) throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        long seen = -1;
        while (System.nanoTime() < deadline) {
            String answer = exec("SELECT count() FROM " + table);
            Matcher m = Pattern.compile("\\[\\[(\\d+)\\]\\]").matcher(answer);
            seen = m.find() ? Long.parseLong(m.group(1)) : -1;
            if (seen == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException(
                "rows not visible after 600 s [table=" + table + ", expected=" + expected + ", seen=" + seen + "]");
    }

    private static long count(String answer) throws IOException {
        Matcher m = COUNT.matcher(answer);
        if (!m.find()) {
            throw new IOException(
                    "no count in the answer [answer=" + answer.substring(0, Math.min(200, answer.length())) + "]");
        }
        return Long.parseLong(m.group(1));
    }

    private static String range(long from, long to) {
        return "timestamp >= '" + iso(from) + "' AND timestamp < '" + iso(to) + "'";
    }

    private static String iso(long nanos) {
        return Instant.ofEpochSecond(0, nanos).toString();
    }
}
