// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code MANIFEST} of a backup: header lines {@code key=value} (format, version, time, ...), then one line per file
 * {@code sha256 <hex> <bytes> <relative path>}. Every file of the backup except the manifest itself is listed.
 */
final class Manifest {

    static final String FILE = "MANIFEST";
    private static final String ENTRY = "sha256 ";

    private Manifest() {}

    /** Lists and checksums every file under {@code dir}, then writes the manifest; returns the total bytes. */
    static long write(Path dir, List<String> header) throws IOException {
        List<String> lines = new ArrayList<>(header);
        long total = 0;
        for (Path file : files(dir)) {
            long size = Files.size(file);
            lines.add(ENTRY + sha256(file) + " " + size + " " + relative(dir, file));
            total += size;
        }
        Files.write(dir.resolve(FILE), lines, StandardCharsets.UTF_8);
        return total;
    }

    /** The header lines ({@code key=value}) of a backup's manifest. */
    static List<String> header(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.startsWith(ENTRY))
                .toList();
    }

    /** Checks every listed file and that no file is missing or unlisted; throws naming the first mismatch. */
    static int verify(Path dir) throws IOException {
        Path manifest = dir.resolve(FILE);
        if (!Files.isRegularFile(manifest)) {
            throw new IOException("backup has no manifest [dir=" + dir + "]");
        }
        List<String> listed = new ArrayList<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            if (line.startsWith(ENTRY)) {
                String[] parts = line.split(" ", 4);
                verifyEntry(dir, parts[1], Long.parseLong(parts[2]), parts[3]);
                listed.add(parts[3]);
            }
        }
        Set<String> known = new HashSet<>(listed);
        for (Path file : files(dir)) {
            if (!known.contains(relative(dir, file))) {
                throw new IOException(
                        "file not in backup manifest [dir=" + dir + ", file=" + relative(dir, file) + "]");
            }
        }
        return listed.size();
    }

    private static void verifyEntry(Path dir, String expected, long size, String name) throws IOException {
        Path file = dir.resolve(name).normalize();
        if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
            throw new IOException("backup file missing [dir=" + dir + ", file=" + name + "]");
        }
        String actual = sha256(file);
        if (!actual.equals(expected) || Files.size(file) != size) {
            throw new IOException("backup checksum mismatch [dir=" + dir + ", file=" + name + ", expected=" + expected
                    + ", actual=" + actual + "]");
        }
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> !p.equals(dir.resolve(FILE)))
                    .sorted()
                    .toList();
        }
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("SHA-256 unavailable", e);
        }
    }
}
