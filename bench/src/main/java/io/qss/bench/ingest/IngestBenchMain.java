// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Sustained real-time ingest against a running qss: N simulated uPMUs, each sending one one-minute file per
 * {@code --interval} seconds (staggered evenly), registered through {@code bin/qss-console}; measures acked files,
 * points per second and ack-to-queryable latency (a file counts as queryable once the REST API returns its last
 * sample on the stream sync writes last).
 *
 * <pre>
 * java -cp bench/target/qss-bench.jar:bench/target/lib/* io.qss.bench.ingest.IngestBenchMain \
 *     --qss-home /opt/qss --to 127.0.0.1:1883 --rest http://127.0.0.1:9000 --devices 1000 --extended-every 4 \
 *     --duration 300 --interval 60 --sample-every 3
 * </pre>
 *
 * <p>Overload: offer more than qss sustains (e.g. twice its sustainable fleet) with {@code --verify true}: the run
 * then also requires {@code /status} to answer within 1 s throughout, waits (at most {@code --drain-limit} s,
 * default 1800) until sync's backlog has drained, and checks that every stream holds every acknowledged point.
 */
public final class IngestBenchMain {

    private IngestBenchMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String[] to = a.getOrDefault("to", "127.0.0.1:1883").split(":");
        IngestBench.Options options = new IngestBench.Options(
                Path.of(a.getOrDefault("qss-home", ".")),
                to[0],
                Integer.parseInt(to[1]),
                a.getOrDefault("rest", "http://127.0.0.1:9000"),
                Integer.parseInt(a.getOrDefault("devices", "1000")),
                Integer.parseInt(a.getOrDefault("extended-every", "4")),
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("duration", "300"))),
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("interval", "60"))),
                Integer.parseInt(a.getOrDefault("sample-every", "3")),
                Integer.parseInt(a.getOrDefault("threads", "32")),
                Boolean.parseBoolean(a.getOrDefault("register", "true")),
                Boolean.parseBoolean(a.getOrDefault("verify", "false")),
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("drain-limit", "1800"))));
        IngestBench.Result r = new IngestBench(options).run();
        System.out.println(r.summary());
        System.exit(r.isMet() ? 0 : 1);
    }
}
