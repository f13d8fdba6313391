// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

import io.qss.dat.DatStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * InfluxDB 1.x from the Debian package ({@code influxd -config}), written with line protocol over HTTP
 * ({@code /write?db=bench&precision=ns}). {@code wal-fsync-delay = "0s"}: the WAL is fsynced before each write is
 * acknowledged. Cold shards are snapshotted and fully compacted after seconds rather than hours, so the settled
 * size can be measured; monitoring's own database is off.
 */
final class InfluxPeer extends LineProtocolPeer {

    private static final Map<String, String> CSV = Map.of("Accept", "application/csv");

    private final int port;
    private final ServerProcess server;

    InfluxPeer(Path dir) throws IOException {
        this(dir, Ports.free());
    }

    private InfluxPeer(Path dir, int port) throws IOException {
        super(dir, port);
        this.port = port;
        this.server = new ServerProcess(
                List.of("influxd", "-config", dir.resolve("influxdb.conf").toString()), dir);
    }

    @Override
    public String durability() {
        return "wal-fsync-delay=0s: WAL fsynced before each write is acknowledged";
    }

    @Override
    String writePath() {
        return "/write?db=bench&precision=ns";
    }

    @Override
    public void start() throws Exception {
        Disk.deleteTree(dir);
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("influxdb.conf"),
                String.join(
                        "\n",
                        "reporting-disabled = true",
                        "bind-address = \"127.0.0.1:" + Ports.free() + "\"",
                        "[meta]",
                        "  dir = \"" + dir.resolve("meta") + "\"",
                        "[data]",
                        "  dir = \"" + dir.resolve("data") + "\"",
                        "  wal-dir = \"" + dir.resolve("wal") + "\"",
                        "  wal-fsync-delay = \"0s\"",
                        "  query-log-enabled = false",
                        "  cache-snapshot-write-cold-duration = \"5s\"",
                        "  compact-full-write-cold-duration = \"10s\"",
                        "[coordinator]",
                        "  query-timeout = \"0s\"",
                        "[monitor]",
                        "  store-enabled = false",
                        "[http]",
                        "  bind-address = \"127.0.0.1:" + port + "\"",
                        "  log-enabled = false",
                        "  max-body-size = 0",
                        "[continuous_queries]",
                        "  enabled = false",
                        ""));
        server.start(http, "/ping");
        http.post("/query?q=CREATE%20DATABASE%20bench", new byte[0]);
    }

    @Override
    public void awaitVisible(Workload workload) throws Exception {
        // Acknowledged writes are in the queryable cache already.
    }

    /** Waits until the cold shards' snapshot and full compaction have settled (the WAL empty, TSM files fixed). */
    @Override
    public void compact() throws Exception {
        Disk.awaitStableSize(dir, 20, 600);
    }

    @Override
    public long bytesOnDisk() throws Exception {
        return Disk.allocatedBytes(dir.resolve("data")) + Disk.allocatedBytes(dir.resolve("wal"));
    }

    @Override
    public long windows(Workload workload, int count) throws Exception {
        long start = Workload.time(0);
        long widthMillis = (workload.spanEnd() - start) / 1_000_000 / count;
        long offsetMillis = start / 1_000_000 % widthMillis;
        return query("SELECT min(v), mean(v), max(v) FROM span WHERE time >= " + start + " AND time < "
                + workload.spanEnd() + " GROUP BY time(" + widthMillis + "ms, " + offsetMillis + "ms)");
    }

    @Override
    public long raw(long from, long to) throws Exception {
        return query("SELECT v FROM span WHERE time >= " + from + " AND time < " + to);
    }

    @Override
    public long latest(Workload workload) throws Exception {
        return query("SELECT last(*) FROM upmu GROUP BY device") * DatStream.BASE_COUNT;
    }

    @Override
    public void restart() throws Exception {
        server.stop();
        server.start(http, "/ping");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** The answer's rows, streamed as CSV: a header line, then a row per line. */
    private long query(String influxQl) throws IOException, InterruptedException {
        return http.countLines("/query", Http.params("db", "bench", "epoch", "ns", "q", influxQl), CSV) - 1;
    }
}
