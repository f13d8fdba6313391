// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.tools.send.UpmuSender;
import io.qss.dat.tools.send.UpmuSenderOptions;
import io.qss.dat.tools.send.UpmuSenders;
import io.qss.dat.tools.sim.SyntheticDat;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data of the plotter's browser tests: two uPMUs, alpha (public) and beta (readable with the tag lab, which
 * user alice holds), each sending {@link #FILES} one-minute files from {@link #START} through the simulator.
 */
final class PlotterItData {

    static final long START = 1_790_000_040L;
    static final int FILES = 3;
    private static final Pattern JSON_UUID = Pattern.compile("\"uuid\":\"([0-9a-f-]{36})\",\"path\":\"([^\"]+)\"");

    private PlotterItData() {}

    /** Adds the devices, tags and alice to a started distribution, sends the files, waits until both are synced. */
    static Map<String, byte[][]> sendUpmuData(Distribution qss) throws Exception {
        qss.consoleOk("upmu:add 10.0.0.1 P3500000 alpha; upmu:add 10.0.0.2 P3500001 beta; upmu:save");
        // beta is not public: only the tag lab reads it
        qss.consoleOk("plotter:tagconfig public /upmu/alpha");
        qss.consoleOk("plotter:tagconfig lab /upmu/beta");
        qss.consoleOk("plotter:adduser alice alice-pw lab");
        Map<String, byte[][]> sent = new HashMap<>();
        long[] offsets = {0, 60, 120};
        for (String serial : List.of("P3500000", "P3500001")) {
            sent.put(serial, send(qss, serial, offsets));
        }
        awaitSynced(qss, Map.of("alpha", FILES, "beta", FILES));
        return sent;
    }

    /** Sends one-minute simulator files of the serial starting {@code offsets} seconds after {@link #START}. */
    static byte[][] send(Distribution qss, String serial, long[] offsets) throws Exception {
        SyntheticDat sim = SyntheticDats.generator(SyntheticDatOptions.of(serial.hashCode(), false));
        byte[][] files = new byte[offsets.length][];
        try (UpmuSender sender = UpmuSenders.sender(UpmuSenderOptions.of("127.0.0.1", qss.receiverPort, serial))) {
            for (int f = 0; f < offsets.length; f++) {
                files[f] = sim.generateFile(START + offsets[f], 60);
                assertTrue(sender.sendOnce(SyntheticDat.relativePath(serial, START + offsets[f]), files[f]));
            }
        }
        return files;
    }

    /** Waits (90 s at most) until each device alias has synced its number of files. */
    static void awaitSynced(Distribution qss, Map<String, Integer> filesByAlias) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!allSynced(qss, filesByAlias)) {
            assertTrue(
                    System.nanoTime() < deadline,
                    "files not synced: " + qss.console("upmu:list").output());
            Thread.sleep(250);
        }
    }

    private static boolean allSynced(Distribution qss, Map<String, Integer> filesByAlias) throws Exception {
        String list = qss.console("upmu:list").output();
        return filesByAlias.entrySet().stream()
                .allMatch(e ->
                        list.matches("(?sm).*^" + e.getKey() + " +\\S+ +\\S+ +base +1 +0 +" + e.getValue() + " .*"));
    }

    /** Logs in over the API; the session cookie ({@code qss_session=...}). */
    static String login(HttpClient http, Distribution qss, String user, String password) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(qss.plotterUrl() + "/api/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    /** path -> uuid of every stream the session (a cookie, or null: anonymous) may read. */
    static Map<String, String> streams(HttpClient http, Distribution qss, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(qss.plotterUrl() + "/api/streams"));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        Map<String, String> byPath = new HashMap<>();
        Matcher m = JSON_UUID.matcher(http.send(b.build(), HttpResponse.BodyHandlers.ofString())
                .body()
                .replace(" ", ""));
        while (m.find()) {
            byPath.put(m.group(2), m.group(1));
        }
        assertFalse(byPath.isEmpty());
        return byPath;
    }
}
