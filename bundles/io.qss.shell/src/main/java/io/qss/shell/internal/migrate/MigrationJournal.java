// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What earlier runs of a migration already put into the spool: one line per file, {@code serial TAB name TAB
 * fingerprint}, appended after the spool stored the file durably and forced to disk every {@value #SYNC_EVERY} files
 * and at close. A crash loses at most the unforced tail, whose files the next run stores again; the spool replaces a
 * file of the same path and sync replaces points of equal times, so storing twice duplicates nothing. A torn last
 * line is cut off when the journal is opened. Not thread-safe.
 */
final class MigrationJournal implements AutoCloseable {

    static final String FILE = "migrated-files.log";
    private static final int SYNC_EVERY = 64;

    private final Map<String, String> done = new HashMap<>();
    private final FileChannel channel;
    private final BufferedWriter out;
    private int unsynced;

    private MigrationJournal(FileChannel channel) {
        this.channel = channel;
        this.out =
                new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
    }

    /**
     * Opens the journal in {@code dir}, reading what it holds.
     *
     * @throws MigrationException when it cannot be read or opened for appending
     */
    static MigrationJournal open(Path dir) throws MigrationException {
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            String complete = new String(bytes, 0, end, StandardCharsets.UTF_8);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            // a torn last line (a crash while appending) is cut off, so the next line starts on its own
            channel.truncate(end);
            channel.position(channel.size());
            MigrationJournal journal = new MigrationJournal(channel);
            journal.load(complete.lines().toList());
            return journal;
        } catch (IOException | UncheckedIOException e) {
            throw new MigrationException("opening the migration journal failed [file=" + file + "]", e);
        }
    }

    /** The fingerprint recorded for {@code key} ({@link ReceivedFile#key()}), or null when not migrated yet. */
    String fingerprint(String key) {
        return done.get(key);
    }

    /** Files recorded. */
    int size() {
        return done.size();
    }

    /** Records that the file with {@code key} is durably in the spool. */
    void record(String key, String fingerprint) throws MigrationException {
        try {
            out.write(escape(key) + "\t" + fingerprint + "\n");
            done.put(key, fingerprint);
            if (++unsynced >= SYNC_EVERY) {
                force();
            }
        } catch (IOException e) {
            throw new MigrationException("writing the migration journal failed [key=" + key + "]", e);
        }
    }

    @Override
    public void close() throws MigrationException {
        try (FileChannel c = channel) {
            force();
        } catch (IOException e) {
            throw new MigrationException("closing the migration journal failed", e);
        }
    }

    private void force() throws IOException {
        out.flush();
        channel.force(false);
        unsynced = 0;
    }

    private void load(List<String> lines) {
        for (String line : lines) {
            String[] parts = line.split("\t", -1);
            if (parts.length == 3) {
                done.put(unescape(parts[0]) + "\t" + unescape(parts[1]), parts[2]);
            }
        }
    }

    /** A key as two escaped fields: tabs, newlines and backslashes inside serial and name are escaped. */
    private static String escape(String key) {
        int tab = key.indexOf('\t');
        return field(key.substring(0, tab)) + "\t" + field(key.substring(tab + 1));
    }

    private static String field(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
