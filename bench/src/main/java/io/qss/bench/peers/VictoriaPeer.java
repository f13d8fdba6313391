// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * VictoriaMetrics single-node from the Debian package, written with Influx line protocol over HTTP
 * ({@code /write?precision=ns}; it keeps millisecond timestamps). It acknowledges writes held in memory and
 * flushes them in the background (no fsync at the acknowledgement). The per-query sample limit is raised above
 * the long stream's points, and timed queries pass {@code nocache=1}.
 */
final class VictoriaPeer extends LineProtocolPeer {

    private final ServerProcess server;

    VictoriaPeer(Path dir) throws IOException {
        this(dir, Ports.free());
    }

    private VictoriaPeer(Path dir, int port) {
        super(dir, port);
        this.server = new ServerProcess(
                List.of(
                        "victoria-metrics",
                        "-storageDataPath=" + dir.resolve("data"),
                        "-retentionPeriod=100y",
                        "-httpListenAddr=127.0.0.1:" + port,
                        "-search.maxSamplesPerSeries=2000000000",
                        "-search.maxSamplesPerQuery=2000000000",
                        "-search.maxQueryDuration=30m",
                        "-search.maxPointsPerTimeseries=1000000",
                        "-search.maxExportDuration=87600h"),
                dir);
    }

    @Override
    public String durability() {
        return "none at the acknowledgement: rows buffered in memory, flushed in the background (about 1-2 s)";
    }

    @Override
    String writePath() {
        return "/write?precision=ns";
    }

    @Override
    public void start() throws Exception {
        Disk.deleteTree(dir);
        server.start(http, "/health");
    }

    @Override
    public void awaitVisible(Workload workload) throws Exception {
        http.get("/internal/force_flush", Map.of());
    }

    @Override
    public void loadSpan(Workload workload, int threads) throws Exception {
        super.loadSpan(workload, threads);
        http.get("/internal/force_flush", Map.of());
    }

    /** Forces the merge of every partition (an empty prefix matches all), then waits for the size to settle. */
    @Override
    public void compact() throws Exception {
        http.get("/internal/force_merge", Http.params("partition_prefix", ""));
        Disk.awaitStableSize(dir.resolve("data"), 10, 600);
    }

    @Override
    public long bytesOnDisk() throws Exception {
        return Disk.allocatedBytes(dir.resolve("data"));
    }

    /** Three range queries (min, avg, max over time) with the window as the step; returns the fewest points. */
    @Override
    public long windows(Workload workload, int count) throws Exception {
        long start = Workload.time(0);
        long widthMillis = (workload.spanEnd() - start) / 1_000_000 / count;
        long fewest = Long.MAX_VALUE;
        for (String function : List.of("min_over_time", "avg_over_time", "max_over_time")) {
            String answer = http.get(
                    "/api/v1/query_range",
                    Http.params(
                            "query",
                            function + "(span_v[" + widthMillis + "ms])",
                            "start",
                            seconds(start / 1_000_000 + widthMillis),
                            "end",
                            seconds(workload.spanEnd() / 1_000_000),
                            "step",
                            widthMillis + "ms",
                            "nocache",
                            "1"));
            fewest = Math.min(fewest, points(answer));
        }
        return fewest;
    }

    @Override
    public long raw(long from, long to) throws Exception {
        return http.countLines(
                "/api/v1/export/csv",
                Http.params(
                        "format",
                        "__timestamp__:unix_ms,__value__",
                        "match[]",
                        "span_v",
                        "start",
                        seconds(from / 1_000_000),
                        "end",
                        seconds((to - 1) / 1_000_000)),
                Map.of());
    }

    @Override
    public long latest(Workload workload) throws Exception {
        String answer = http.get(
                "/api/v1/query",
                Http.params(
                        "query",
                        "{__name__=~\"upmu_.+\"}",
                        "time",
                        seconds(Workload.time(workload.upmuSamples() - 1) / 1_000_000),
                        "nocache",
                        "1"));
        return answer.split("\"metric\"", -1).length - 1;
    }

    @Override
    public void restart() throws Exception {
        server.stop();
        server.start(http, "/health");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static String seconds(long millis) {
        return millis / 1000 + "." + String.format("%03d", millis % 1000);
    }

    /** Points in a matrix answer: each is {@code [time,"value"]}. */
    private static long points(String answer) throws IOException {
        if (!answer.contains("\"status\":\"success\"")) {
            throw new IOException("query failed [answer=" + answer.substring(0, Math.min(300, answer.length())) + "]");
        }
        return answer.split("\\[\\d", -1).length - 1;
    }
}
