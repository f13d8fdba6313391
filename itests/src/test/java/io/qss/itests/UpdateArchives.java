// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Builds update archives for tests from the KAR the build made: the same bundles and features, re-versioned, so an
 * update really swaps every qss bundle for another version (each bundle's Bundle-Version, which the binary API also
 * reports as its build). An archive of the built version carries the built KAR unchanged, for going back to it.
 */
final class UpdateArchives {

    /** What is wrong with the bundles an archive's {@code isDefective} predicate selects. */
    enum Defect {
        /** Left out of the KAR: the archive is incomplete. */
        MISSING,
        /** Imports a package nobody exports: the container cannot resolve the new version. */
        UNRESOLVABLE
    }

    private final Path builtKar = Path.of(System.getProperty("qss.features.kar"));
    private final String builtVersion = System.getProperty("qss.version");

    /** Writes {@code qss-update-<version>.tar.gz} into {@code dir}: the built KAR re-versioned to {@code version}. */
    Path build(Path dir, String version) throws Exception {
        return build(dir, version, Defect.MISSING, name -> false);
    }

    /**
     * Like {@link #build(Path, String)}, with {@code defect} in the bundles whose KAR entry (e.g.
     * {@code repository/io/qss/io.qss.api.rest/0.1.2/io.qss.api.rest-0.1.2.jar}) {@code isDefective} matches.
     */
    Path build(Path dir, String version, Defect defect, Predicate<String> isDefective) throws Exception {
        String name = "qss-update-" + version;
        Path root = Files.createDirectories(dir.resolve(name));
        String kar = "qss-" + version + ".kar";
        if (version.equals(builtVersion)) {
            Files.copy(builtKar, root.resolve(kar));
        } else {
            writeKar(root.resolve(kar), version, defect, isDefective);
        }
        Files.writeString(
                root.resolve("update.properties"),
                "format=1\nversion=" + version + "\nfeature=qss\n" + "repository=mvn:io.qss/qss-features/" + version
                        + "/xml/features\nkar=" + kar + "\n");
        Files.writeString(
                root.resolve("SHA256SUMS"),
                sha256(root.resolve("update.properties")) + "  update.properties\n" + sha256(root.resolve(kar)) + "  "
                        + kar + "\n");
        Path archive = dir.resolve(name + ".tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", dir.toString(), name)
                .inheritIO()
                .start();
        if (tar.waitFor() != 0) {
            throw new IOException("tar failed [archive=" + archive + "]");
        }
        return archive;
    }

    private void writeKar(Path target, String version, Defect defect, Predicate<String> isDefective)
            throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(builtKar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName().replace(builtVersion, version);
                boolean isDefect = isDefective.test(name);
                if (entry.isDirectory() || (isDefect && defect == Defect.MISSING)) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(name));
                if (name.endsWith(".jar")) {
                    out.write(reversionedBundle(in.readAllBytes(), version, isDefect ? defect : null));
                } else if (name.endsWith(".xml")) {
                    out.write(reversioned(in.readAllBytes(), version));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    private byte[] reversioned(byte[] text, String version) {
        return new String(text, StandardCharsets.UTF_8)
                .replace(builtVersion, version)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] reversionedBundle(byte[] jar, String version, Defect defect) throws IOException {
        var bytes = new ByteArrayOutputStream(jar.length + 256);
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = in.getManifest();
            Attributes main = manifest.getMainAttributes();
            main.put(new Attributes.Name("Bundle-Version"), version);
            if (defect == Defect.UNRESOLVABLE) {
                String imports = main.getValue("Import-Package");
                main.put(
                        new Attributes.Name("Import-Package"),
                        (imports == null ? "" : imports + ",") + "io.qss.nowhere;version=\"[9,10)\"");
            }
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    /** Flips one byte in the middle of the first KAR in an unpacked archive folder, after its checksums were made. */
    static void flipByteOfKar(Path root) throws IOException {
        try (var files = Files.list(root)) {
            Path kar =
                    files.filter(f -> f.toString().endsWith(".kar")).findFirst().orElseThrow();
            try (RandomAccessFile file = new RandomAccessFile(kar.toFile(), "rw")) {
                file.seek(file.length() / 2);
                int value = file.read();
                file.seek(file.length() / 2);
                file.write(value ^ 0xFF);
            }
        }
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            digest.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
