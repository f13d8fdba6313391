// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@code ./qss bench peers}.
 *
 * @param dir        where every system keeps its data (a subdirectory each, deleted at the start of its run)
 * @param hours      length of the uPMU-shaped data: 2 devices x 13 channels at 120 Hz
 * @param days       length of the long stream at 120 Hz (30 days is 311 M points)
 * @param systems    the systems to run, qss first
 * @param repeats    warm repetitions of each query figure (the best is kept)
 * @param threads    client threads sending data to each system
 * @param dropCaches whether to drop the page cache before the after-restart query (needs root)
 * @param receiver   a running distribution to ingest the uPMU data into through its receiver, or null
 */
record PeersOptions(
        Path dir,
        int hours,
        int days,
        List<String> systems,
        int repeats,
        int threads,
        boolean dropCaches,
        ReceiverIngest.Target receiver) {

    static final List<String> ALL_SYSTEMS = List.of("qss", "questdb", "questdb_sync", "influxdb", "victoriametrics");

    static final String USAGE = "usage: ./qss bench peers [--dir D] [--hours H] [--days N] [--systems "
            + String.join(",", ALL_SYSTEMS) + "] [--repeats N] [--threads N] [--drop-caches]"
            + " [--qss-home DIST [--receiver HOST:PORT] [--rest URL]]";

    private static final Set<String> FLAGS = Set.of("drop-caches");
    private static final Set<String> VALUED =
            Set.of("dir", "hours", "days", "systems", "repeats", "threads", "qss-home", "receiver", "rest");

    /** Parses {@code --key value} and {@code --flag} arguments; throws IllegalArgumentException naming the fault. */
    static PeersOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (key != null && FLAGS.contains(key)) {
                values.put(key, "true");
            } else if (key != null && VALUED.contains(key) && i + 1 < args.length) {
                values.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown or incomplete option [arg=" + args[i] + "]; " + USAGE);
            }
        }
        return new PeersOptions(
                Path.of(values.getOrDefault("dir", "/tmp/qss-peers")),
                positive(values, "hours", 6),
                positive(values, "days", 7),
                systems(values.get("systems")),
                positive(values, "repeats", 5),
                positive(values, "threads", 2),
                values.containsKey("drop-caches"),
                receiver(values));
    }

    /** The running distribution of --qss-home, its receiver (default 127.0.0.1:1883) and REST API (port 9000). */
    private static ReceiverIngest.Target receiver(Map<String, String> values) {
        String home = values.get("qss-home");
        if (home == null) {
            if (values.containsKey("receiver") || values.containsKey("rest")) {
                throw new IllegalArgumentException("--receiver and --rest need --qss-home; " + USAGE);
            }
            return null;
        }
        String hostPort = values.getOrDefault("receiver", "127.0.0.1:1883");
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("receiver is not host:port [option=--receiver, value=" + hostPort + "]");
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "receiver port is not a number [option=--receiver, value=" + hostPort + "]", e);
        }
        return new ReceiverIngest.Target(
                Path.of(home),
                hostPort.substring(0, colon),
                port,
                values.getOrDefault("rest", "http://127.0.0.1:9000"));
    }

    /** The peers among {@link #systems}: every system but qss. */
    List<String> peers() {
        return systems.stream().filter(s -> !s.equals("qss")).toList();
    }

    private static int positive(Map<String, String> values, String key, int fallback) {
        String text = values.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option is not a number [option=--" + key + ", value=" + text + "]", e);
        }
        throw new IllegalArgumentException("option must be positive [option=--" + key + ", value=" + text + "]");
    }

    private static List<String> systems(String text) {
        if (text == null) {
            return ALL_SYSTEMS;
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : text.split(",")) {
            if (!ALL_SYSTEMS.contains(name.trim())) {
                throw new IllegalArgumentException(
                        "unknown system [system=" + name.trim() + ", known=" + String.join(",", ALL_SYSTEMS) + "]");
            }
            chosen.add(name.trim());
        }
        if (!chosen.contains("qss")) {
            throw new IllegalArgumentException("the ratios need qss [systems=" + text + "]");
        }
        List<String> ordered = new ArrayList<>();
        ALL_SYSTEMS.stream().filter(chosen::contains).forEach(ordered::add);
        return ordered;
    }
}
