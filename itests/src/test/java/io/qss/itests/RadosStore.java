// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qss.dat.DatCodecs;
import io.qss.dat.DatColumns;
import io.qss.dat.DatStream;
import io.qss.store.rados.testing.CephCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An unpacked distribution set up to keep its store in a Ceph RADOS pool the way an operator does it: the feature
 * {@code qss-store-rados} among the boot features, {@code backend = rados} in {@code etc/io.qss.store.cfg} and the
 * cluster in {@code etc/io.qss.store.rados.cfg}; and the read-backs the RADOS tests compare with what was sent.
 */
final class RadosStore {

    private static final Pattern READING = Pattern.compile("\\[(-?\\d+),([^\\]]+)\\]");

    private RadosStore() {}

    /**
     * Points the distribution at {@code ceph}'s pool, store namespace {@code namespace}; {@code radosOptions} are
     * further lines of {@code etc/io.qss.store.rados.cfg} (e.g. a shorter op timeout).
     */
    static void configure(Distribution qss, CephCluster ceph, String namespace, String radosOptions) throws Exception {
        Path features = qss.home.resolve("etc/org.apache.karaf.features.cfg");
        String boot = Files.readString(features);
        String last = "qss-ops/";
        int at = boot.indexOf(last, boot.indexOf("featuresBoot"));
        if (at < 0) {
            throw new IllegalStateException("no qss-ops among the boot features [file=" + features + "]");
        }
        int lineEnd = boot.indexOf('\n', at);
        Files.writeString(features, boot.substring(0, lineEnd) + ", \\\n    qss-store-rados" + boot.substring(lineEnd));
        Path store = qss.home.resolve("etc/io.qss.store.cfg");
        String storeCfg = Files.readString(store);
        if (!storeCfg.contains("\nbackend = file\n")) {
            throw new IllegalStateException("etc/io.qss.store.cfg names no backend = file line to replace");
        }
        Files.writeString(
                store,
                storeCfg.replace("\nbackend = file\n", "\nbackend = rados\n") + "location = " + namespace + "\n");
        qss.appendConfig(
                "etc/io.qss.store.rados.cfg",
                "ceph.conf = " + ceph.conf() + "\nclient.name = client.admin\npool = " + ceph.pool() + "\n"
                        + radosOptions);
    }

    /** Stored points per stream path of a device ({@code upmu:streams -c alias}); empty when unreadable. */
    static Map<String, Long> pointsPerStream(Distribution qss, String alias) {
        Map<String, Long> points = new LinkedHashMap<>();
        try {
            for (String line : Distribution.lines(qss.consoleOk("upmu:streams -c " + alias))) {
                if (line.startsWith("/upmu/")) {
                    String[] fields = line.trim().split("\\s+");
                    points.put(fields[0], Long.parseLong(fields[fields.length - 1]));
                }
            }
        } catch (Exception | AssertionError e) {
            return Map.of();
        }
        return points;
    }

    /** The UUID of a device's stream, e.g. {@code /upmu/ext1/L1MAG}, from {@code upmu:streams}. */
    static String streamUuid(Distribution qss, String alias, String path) throws Exception {
        for (String line : Distribution.lines(qss.consoleOk("upmu:streams " + alias))) {
            if (line.startsWith(path + " ")) {
                return line.trim().split("\\s+")[1];
            }
        }
        throw new AssertionError("no stream " + path + " listed for " + alias);
    }

    /**
     * Every point of {@code stream} in a sent file, read back over the BTrDB 3.x REST API ({@code GET /data/uuid/...}
     * raw), equals the file's: same times, same values, nothing more.
     */
    static void assertRestEqualsFile(Distribution qss, String alias, DatStream stream, byte[] file) throws Exception {
        DatColumns sent = DatCodecs.decoder().decodeColumns(file, "sent");
        String uuid = streamUuid(qss, alias, "/upmu/" + alias + "/" + stream.streamName());
        long first = sent.times()[0];
        long end = sent.times()[sent.size() - 1] + 1;
        String body = restGet(qss, "/data/uuid/" + uuid + "?starttime=" + first + "&endtime=" + end + "&unitoftime=ns");
        List<Long> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        Matcher m = READING.matcher(body.substring(body.indexOf("\"Readings\"")));
        while (m.find()) {
            times.add(Long.parseLong(m.group(1)));
            values.add(Double.parseDouble(m.group(2)));
        }
        assertEquals(sent.size(), times.size(), alias + " " + stream.streamName() + " points over REST");
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(sent.times()[i], times.get(i), "time of point " + i);
            assertEquals(sent.values(stream)[i], values.get(i), 0.0, "value of point " + i);
        }
    }

    private static String restGet(Distribution qss, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + qss.restPort + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }
}
