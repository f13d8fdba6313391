// SPDX-License-Identifier: Apache-2.0
package io.qss.sync.internal;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One device's sync bookkeeping: an append-only text file next to the spool, one line per event
 * ({@code S|F|D <tab> generation <tab> size <tab> mtime <tab> path [<tab> reason]}); the last line of a path wins.
 * The reason of an {@code S} line is the device type's config mismatch (the file was synced, partly), of an
 * {@code F} line why it failed.
 * Losing the tail in a crash only makes files be ingested again, which the store's REPLACE merge makes harmless, so
 * lines are written through but not forced. Compacted when opened. Not thread-safe: the owning device synchronises.
 */
final class SyncStateLog implements Closeable {

    /** What is known of one spooled path. */
    record Entry(char kind, long generation, long size, long mtime, String reason) {
        boolean isSynced() {
            return kind == 'S';
        }

        boolean isFailed() {
            return kind == 'F';
        }
    }

    private final Path file;
    private final Map<String, Entry> entries = new HashMap<>();
    /**
     * Synced and failed paths per generation, and the failed paths in path order, kept with every change: a device's
     * status (asked for by every health snapshot, for every device) then costs no walk of its entries, which grow
     * with every file the device ever sent.
     */
    private final TreeMap<Long, int[]> countsByGeneration = new TreeMap<>();

    private final TreeMap<String, Entry> failedPaths = new TreeMap<>();
    private BufferedWriter out;

    private SyncStateLog(Path file) {
        this.file = file;
    }

    static SyncStateLog open(Path file) throws IOException {
        SyncStateLog log = new SyncStateLog(file);
        int lines = 0;
        if (Files.exists(file)) {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : all) {
                log.apply(line);
            }
            lines = all.size();
        }
        if (lines > 2 * log.entries.size() + 100) {
            log.compact();
        }
        log.out = Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return log;
    }

    Entry get(String path) {
        return entries.get(path);
    }

    Map<String, Entry> entries() {
        return entries;
    }

    /** Paths synced at {@code minGeneration} or later. */
    int syncedSince(long minGeneration) {
        return countSince(minGeneration, 0);
    }

    /** Paths failed at {@code minGeneration} or later. */
    int failedSince(long minGeneration) {
        return countSince(minGeneration, 1);
    }

    /** A loop, not a stream: health asks it of every device at every snapshot. */
    private int countSince(long minGeneration, int which) {
        int sum = 0;
        for (int[] counts : countsByGeneration.tailMap(minGeneration, true).values()) {
            sum += counts[which];
        }
        return sum;
    }

    /** The first {@code limit} paths (in path order) failed at {@code minGeneration} or later, with their entries. */
    List<Map.Entry<String, Entry>> failuresSince(long minGeneration, int limit) {
        List<Map.Entry<String, Entry>> first = new ArrayList<>();
        for (Map.Entry<String, Entry> e : failedPaths.entrySet()) {
            if (first.size() == limit) {
                break;
            }
            if (e.getValue().generation() >= minGeneration) {
                first.add(e);
            }
        }
        return first;
    }

    /** {@code mismatch}: the device type's config mismatch, empty when the file agreed with the configuration. */
    void synced(String path, long generation, long size, long mtime, String mismatch) throws IOException {
        append(path, new Entry('S', generation, size, mtime, oneLine(mismatch)));
    }

    void failed(String path, long generation, long size, long mtime, String reason) throws IOException {
        append(path, new Entry('F', generation, size, mtime, oneLine(reason)));
    }

    void deleted(String path) throws IOException {
        append(path, new Entry('D', 0, 0, 0, ""));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void append(String path, Entry e) throws IOException {
        out.write(format(path, e));
        out.flush();
        put(path, e);
    }

    private void put(String path, Entry e) {
        Entry old = e.kind() == 'D' ? entries.remove(path) : entries.put(path, e);
        count(path, old, -1);
        if (e.kind() != 'D') {
            count(path, e, 1);
        }
    }

    private void count(String path, Entry e, int delta) {
        if (e == null || !(e.isSynced() || e.isFailed())) {
            return;
        }
        int[] c = countsByGeneration.computeIfAbsent(e.generation(), g -> new int[2]);
        c[e.isSynced() ? 0 : 1] += delta;
        if (c[0] == 0 && c[1] == 0) {
            countsByGeneration.remove(e.generation());
        }
        if (e.isFailed()) {
            if (delta > 0) {
                failedPaths.put(path, e);
            } else {
                failedPaths.remove(path);
            }
        }
    }

    private void apply(String line) {
        String[] f = line.split("\t", 6);
        if (f.length < 5 || f[0].length() != 1) {
            return;
        }
        try {
            put(
                    f[4],
                    new Entry(
                            f[0].charAt(0),
                            Long.parseLong(f[1]),
                            Long.parseLong(f[2]),
                            Long.parseLong(f[3]),
                            f.length > 5 ? f[5] : ""));
        } catch (NumberFormatException e) {
            // A torn last line after a crash: ignore it, the file is simply synced again.
        }
    }

    private void compact() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                w.write(format(e.getKey(), e.getValue()));
            }
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\t\\r\\n]", " ");
    }

    private static String format(String path, Entry e) {
        return e.kind() + "\t" + e.generation() + "\t" + e.size() + "\t" + e.mtime() + "\t" + path
                + (e.reason().isEmpty() ? "" : "\t" + e.reason()) + "\n";
    }

    /** Used by compaction tests. */
    static Map<String, Entry> read(Path file) throws IOException {
        SyncStateLog log = new SyncStateLog(file);
        Files.readAllLines(file, StandardCharsets.UTF_8).forEach(log::apply);
        return new HashMap<>(log.entries);
    }
}
