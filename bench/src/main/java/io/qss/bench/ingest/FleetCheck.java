// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.ingest;

import io.qss.dat.DatStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * After an overload run: every stream of every simulated uPMU must hold at least the points of its acknowledged
 * files (one file = 60 s of 120 Hz) and at most those of the files sent (a file stored whose ack was lost counts).
 * Only this run's span counts (earlier runs may have filled the same streams). Counts come from one exact window
 * per stream through the REST API.
 */
final class FleetCheck {

    private static final long POINTS_PER_FILE = 60L * 120;
    private static final Pattern WINDOW_COUNT =
            Pattern.compile("\\[-?\\d+,-?\\d+,[^,\\]]+,[^,\\]]+,[^,\\]]+,(\\d+)\\]");
    private static final int MAX_REPORTED = 10;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String rest;
    private final Map<String, UUID> uuids;

    FleetCheck(String rest, Map<String, UUID> uuids) {
        this.rest = rest;
        this.uuids = uuids;
    }

    /** Empty when every stream holds what it should; otherwise the first mismatches. */
    String check(List<IngestBench.Device> fleet) throws IOException, InterruptedException {
        StringBuilder wrong = new StringBuilder();
        int mismatches = 0;
        long streams = 0;
        for (IngestBench.Device d : fleet) {
            for (DatStream s : DatStream.streams(d.isExtended)) {
                String path = "/upmu/" + Fleet.alias(d.index) + "/" + s.name();
                UUID uuid = uuids.get(path);
                long from = d.firstSecond * 1_000_000_000L;
                long count = uuid == null ? -1 : count(uuid, from, from + d.attempted.get() * 60_000_000_000L);
                streams++;
                long least = d.acked.get() * POINTS_PER_FILE;
                long most = d.attempted.get() * POINTS_PER_FILE;
                if (count < least || count > most) {
                    if (mismatches++ < MAX_REPORTED) {
                        wrong.append(path)
                                .append(" count=")
                                .append(count)
                                .append(" acked=")
                                .append(least)
                                .append(" sent=")
                                .append(most)
                                .append("; ");
                    }
                }
            }
        }
        System.out.printf("checked %d streams, %d mismatches%n", streams, mismatches);
        return mismatches == 0 ? "" : mismatches + " streams: " + wrong;
    }

    /** Points in [from, to) ns: exact windows of the whole span (one window). */
    private long count(UUID uuid, long from, long to) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(rest + "/data/uuid/" + uuid + "?starttime=" + from + "&endtime=" + to
                                + "&unitoftime=ns&win=" + (to - from)))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return -1;
        }
        long sum = 0;
        Matcher m = WINDOW_COUNT.matcher(r.body().replace(" ", ""));
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }
}
