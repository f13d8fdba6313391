// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST 3.x API of the running distribution: a write key made with {@code qss:apikey create}, inserts over
 * {@code /data/legacyadd} and {@code /data/add}, raw, statistical and CSV queries, and the anonymous caller's view
 * (only {@code /upmu}); a revoked key stops working.
 */
class RestApiIT {

    private static final long T0 = 1_474_321_947_545_300_000L;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    @Test
    void givenWriteKeyFromConsole_whenInsertingAndQuerying_thenDataServedAndAnonymousSeesOnlyUpmu() throws Exception {
        try (Distribution qss = Distribution.unpack(dir)) {
            qss.start();
            port = qss.restPort;
            Distribution.ApiKey created = qss.createWriteKey("itest-loader");
            String key = created.secret();

            UUID upmu = UUID.randomUUID();
            UUID rest = UUID.randomUUID();
            String smap = "{\"/upmu/itest/L1MAG\": {\"uuid\": \"" + upmu + "\", \"Readings\": [[" + T0 + ", 1.5], ["
                    + (T0 + 8_333_333) + ", 2.5], [" + (T0 + 16_666_666) + ", 3]], \"Properties\": {\"UnitofTime\": "
                    + "\"ns\"}}}";
            assertEquals(200, post("/data/legacyadd/key", smap, key).statusCode());
            HttpResponse<String> added =
                    post("/data/add/key", "{\"uuid\": \"" + rest + "\", \"Readings\": [[" + T0 + ", 7]]}", key);
            assertTrue(added.body().startsWith("OK 1 records, "), added.body());
            assertEquals(
                    401,
                    post("/data/add/key", "{\"uuid\": \"" + rest + "\", \"Readings\": [[1, 1]]}", null)
                            .statusCode());

            String range = "?starttime=" + T0 + "&endtime=" + (T0 + 1_000_000_000L) + "&unitoftime=ns";
            String raw = get("/data/uuid/" + upmu + range, null).body();
            assertTrue(
                    raw.matches("\\[\\{\"uuid\":\"" + upmu + "\",\"Readings\":\\[\\[" + T0 + ",1.5\\],\\["
                            + (T0 + 8_333_333) + ",2.5\\],\\[" + (T0 + 16_666_666) + ",3\\]\\],\"version\":\\d+,"
                            + "\"Properties\":\\{\"UnitofTime\":\"ns\"\\}\\}\\]\n"),
                    raw);
            String windows = "?starttime=1474321946471563264&endtime=" + (1474321946471563264L + (2L << 30))
                    + "&unitoftime=ns&pw=30";
            String pw = get("/data/uuid/" + upmu + windows, null).body();
            assertTrue(
                    pw.contains("\"XReadings\":[[1474321946471,563264,1.5,1.5,1.5,1],"
                            + "[1474321947545,305088,2.5,2.75,3,2]]"),
                    pw);
            String csv = get("/csv/uuid/" + upmu + windows, null).body();
            assertEquals(
                    "Time[ns],Mean,Min,Max,Count\n1474321946471563264,1.500000,1.500000,1.500000,1\n"
                            + "1474321947545305088,2.750000,2.500000,3.000000,2\n",
                    csv);

            assertEquals(
                    "query error: No such stream",
                    get("/data/uuid/" + rest + range, null).body());
            assertTrue(get("/data/uuid/" + rest + range, key).body().contains("\"Readings\":[[" + T0 + ",7]]"));

            Distribution.CommandResult revoked = qss.console("qss:apikey revoke " + created.id());
            assertEquals(0, revoked.exitCode(), revoked.output());
            assertEquals(401, get("/data/uuid/" + rest + range, key).statusCode());
            qss.stop();
        }
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return http.send(request(path, key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String key) throws Exception {
        return http.send(
                request(path, key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        return key == null ? builder : builder.header("authorization", "Bearer " + key);
    }
}
