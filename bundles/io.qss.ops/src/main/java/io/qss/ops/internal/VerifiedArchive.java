// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.ops.UpdateException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * An unpacked archive of the {@code qss-update} or {@code qss-packages} kind whose every checksum was verified: a
 * properties file naming the contents ({@code format=1}, {@code version}, {@code kar}, ...) and {@code SHA256SUMS}
 * in {@code sha256sum} format, which must cover the properties file and the KAR. Nothing is read from an archive
 * before all its checksums match, so a corrupted or tampered one changes nothing.
 *
 * @param root the folder holding the properties file
 * @param properties the verified properties
 * @param kar the verified KAR the properties name
 */
record VerifiedArchive(Path root, Properties properties, Path kar) {

    static final String CHECKSUMS = "SHA256SUMS";

    /**
     * Unpacks (when given a {@code .tar.gz}; a folder is used as it is) into {@code workDir}, verifies and reads.
     *
     * @param kind {@code update} or {@code packages}, for messages
     * @param propertiesName the file naming the contents, e.g. {@code update.properties}
     */
    static VerifiedArchive open(Path archive, Path workDir, String kind, String propertiesName) throws UpdateException {
        Path root = unpack(archive, workDir, kind, propertiesName);
        Map<String, String> checksums = readChecksums(root, kind);
        if (!checksums.containsKey(propertiesName)) {
            throw new UpdateException(
                    kind + " archive lists no checksum for " + propertiesName + " [archive=" + archive + "]");
        }
        for (Map.Entry<String, String> entry : checksums.entrySet()) {
            verify(root, entry.getKey(), entry.getValue(), archive);
        }
        Properties properties = readProperties(root.resolve(propertiesName), archive, kind);
        if (!"1".equals(properties.getProperty("format"))) {
            throw new UpdateException("unsupported " + kind + " archive format [archive=" + archive + ", format="
                    + properties.getProperty("format") + "]");
        }
        String kar = required(properties, "kar", archive, kind);
        if (!checksums.containsKey(kar)) {
            throw new UpdateException(
                    kind + " archive lists no checksum for its KAR [archive=" + archive + ", kar=" + kar + "]");
        }
        return new VerifiedArchive(root, properties, root.resolve(kar));
    }

    /** A property that must be present and not blank. */
    String required(String key, Path archive, String kind) throws UpdateException {
        return required(properties, key, archive, kind);
    }

    private static Path unpack(Path archive, Path workDir, String kind, String propertiesName) throws UpdateException {
        try {
            if (Files.isDirectory(archive)) {
                return findRoot(archive, archive, kind, propertiesName);
            }
            if (!Files.isRegularFile(archive)) {
                throw new UpdateException(kind + " archive not found [archive=" + archive + "]");
            }
            Path target = workDir.resolve(archive.getFileName().toString().replaceAll("\\.(tar\\.gz|tgz)$", ""));
            DataFiles.deleteContents(target);
            TarGz.extract(archive, target);
            return findRoot(target, archive, kind, propertiesName);
        } catch (IOException e) {
            throw new UpdateException(kind + " archive could not be unpacked [archive=" + archive + "]", e);
        }
    }

    /** The archive's files sit either at its top or in one top-level folder. */
    private static Path findRoot(Path dir, Path archive, String kind, String propertiesName)
            throws IOException, UpdateException {
        if (Files.exists(dir.resolve(propertiesName))) {
            return dir;
        }
        try (var children = Files.list(dir)) {
            List<Path> folders = children.filter(Files::isDirectory).toList();
            if (folders.size() == 1 && Files.exists(folders.get(0).resolve(propertiesName))) {
                return folders.get(0);
            }
        }
        throw new UpdateException("not a " + kind + " archive: no " + propertiesName + " [archive=" + archive + "]");
    }

    private static Map<String, String> readChecksums(Path root, String kind) throws UpdateException {
        Path file = root.resolve(CHECKSUMS);
        try {
            Map<String, String> checksums = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+\\*?", 2);
                if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{64}")) {
                    throw new UpdateException("malformed checksum line [file=" + file + ", line=" + line + "]");
                }
                checksums.put(parts[1], parts[0].toLowerCase());
            }
            return checksums;
        } catch (IOException e) {
            throw new UpdateException(kind + " archive has no readable " + CHECKSUMS + " [folder=" + root + "]", e);
        }
    }

    private static void verify(Path root, String name, String expected, Path archive) throws UpdateException {
        Path file = root.resolve(name).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            throw new UpdateException(
                    "file listed in " + CHECKSUMS + " is missing [archive=" + archive + ", file=" + name + "]");
        }
        String actual = sha256(file);
        if (!actual.equals(expected)) {
            throw new UpdateException("checksum mismatch, archive refused [archive=" + archive + ", file=" + name
                    + ", expected=" + expected + ", actual=" + actual + "]");
        }
    }

    static String sha256(Path file) throws UpdateException {
        try {
            return Manifest.sha256(file);
        } catch (IOException e) {
            throw new UpdateException("checksum could not be computed [file=" + file + "]", e);
        }
    }

    private static Properties readProperties(Path file, Path archive, String kind) throws UpdateException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(reader);
            return properties;
        } catch (IOException e) {
            throw new UpdateException(kind + " properties unreadable [archive=" + archive + "]", e);
        }
    }

    private static String required(Properties properties, String key, Path archive, String kind)
            throws UpdateException {
        String value = properties.getProperty(key, "").trim();
        if (value.isEmpty()) {
            throw new UpdateException(kind + " properties lack a key [archive=" + archive + ", key=" + key + "]");
        }
        return value;
    }
}
