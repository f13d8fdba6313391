// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.ops.UpdateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * An unpacked, verified update archive.
 *
 * <p>Layout: {@code update.properties} ({@code format=1}, {@code version}, {@code feature}, {@code repository},
 * {@code kar}), the KAR it names, and {@code SHA256SUMS} in {@code sha256sum} format covering both. Every listed
 * checksum is verified before the archive is used, so a corrupted or tampered archive changes nothing.
 *
 * @param root the folder holding {@code update.properties}
 * @param version the qss version the archive carries, e.g. {@code 0.2.0}
 * @param feature the feature to install, e.g. {@code qss}
 * @param repository the features repository URI inside the KAR, e.g. {@code mvn:io.qss/qss-features/0.2.0/xml/features}
 * @param kar the KAR file with the repository's bundles
 */
record UpdateArchive(Path root, String version, String feature, String repository, Path kar) {

    static final String PROPERTIES = "update.properties";
    static final String CHECKSUMS = "SHA256SUMS";

    /** Unpacks (when given a {@code .tar.gz}) into {@code workDir}, verifies, and reads the archive. */
    static UpdateArchive open(Path archive, Path workDir) throws UpdateException {
        Path root = unpack(archive, workDir);
        Map<String, String> checksums = readChecksums(root);
        if (!checksums.containsKey(PROPERTIES)) {
            throw new UpdateException("update archive lists no checksum for " + PROPERTIES + " [archive=" + archive
                    + "]");
        }
        for (Map.Entry<String, String> entry : checksums.entrySet()) {
            verify(root, entry.getKey(), entry.getValue(), archive);
        }
        Properties properties = readProperties(root.resolve(PROPERTIES), archive);
        if (!"1".equals(properties.getProperty("format"))) {
            throw new UpdateException("unsupported update archive format [archive=" + archive + ", format="
                    + properties.getProperty("format") + "]");
        }
        String kar = required(properties, "kar", archive);
        if (!checksums.containsKey(kar)) {
            throw new UpdateException("update archive lists no checksum for its KAR [archive=" + archive + ", kar="
                    + kar + "]");
        }
        return new UpdateArchive(root, required(properties, "version", archive),
                required(properties, "feature", archive), required(properties, "repository", archive),
                root.resolve(kar));
    }

    private static Path unpack(Path archive, Path workDir) throws UpdateException {
        try {
            if (Files.isDirectory(archive)) {
                return findRoot(archive, archive);
            }
            if (!Files.isRegularFile(archive)) {
                throw new UpdateException("update archive not found [archive=" + archive + "]");
            }
            Path target = workDir.resolve(archive.getFileName().toString().replaceAll("\\.(tar\\.gz|tgz)$", ""));
            TarGz.extract(archive, target);
            return findRoot(target, archive);
        } catch (IOException e) {
            throw new UpdateException("update archive could not be unpacked [archive=" + archive + "]", e);
        }
    }

    /** The archive's files sit either at its top or in one top-level folder. */
    private static Path findRoot(Path dir, Path archive) throws IOException, UpdateException {
        if (Files.exists(dir.resolve(PROPERTIES))) {
            return dir;
        }
        try (var children = Files.list(dir)) {
            List<Path> folders = children.filter(Files::isDirectory).toList();
            if (folders.size() == 1 && Files.exists(folders.get(0).resolve(PROPERTIES))) {
                return folders.get(0);
            }
        }
        throw new UpdateException("not an update archive: no " + PROPERTIES + " [archive=" + archive + "]");
    }

    private static Map<String, String> readChecksums(Path root) throws UpdateException {
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
            throw new UpdateException("update archive has no readable " + CHECKSUMS + " [folder=" + root + "]", e);
        }
    }

    private static void verify(Path root, String name, String expected, Path archive) throws UpdateException {
        Path file = root.resolve(name).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            throw new UpdateException("file listed in " + CHECKSUMS + " is missing [archive=" + archive + ", file="
                    + name + "]");
        }
        String actual = sha256(file);
        if (!actual.equals(expected)) {
            throw new UpdateException("checksum mismatch, archive refused [archive=" + archive + ", file=" + name
                    + ", expected=" + expected + ", actual=" + actual + "]");
        }
    }

    static String sha256(Path file) throws UpdateException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new UpdateException("checksum could not be computed [file=" + file + "]", e);
        }
    }

    private static Properties readProperties(Path file, Path archive) throws UpdateException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(reader);
            return properties;
        } catch (IOException e) {
            throw new UpdateException("update properties unreadable [archive=" + archive + "]", e);
        }
    }

    private static String required(Properties properties, String key, Path archive) throws UpdateException {
        String value = properties.getProperty(key, "").trim();
        if (value.isEmpty()) {
            throw new UpdateException("update properties lack a key [archive=" + archive + ", key=" + key + "]");
        }
        return value;
    }
}
