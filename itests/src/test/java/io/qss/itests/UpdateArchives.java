// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

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
 * reports as its build). An archive of the built version carries the built KAR unchanged, for going back.
 */
final class UpdateArchives {

    private final Path builtKar = Path.of(System.getProperty("qss.features.kar"));
    private final String builtVersion = System.getProperty("qss.version");

    /**
     * Writes {@code qss-update-<version>.tar.gz} into {@code dir}: the built KAR re-versioned to {@code version},
     * leaving out the repository entries that {@code isDropped} matches (to make an update that cannot install).
     */
    Path build(Path dir, String version, Predicate<String> isDropped) throws Exception {
        return build(dir, version, isDropped, name -> false);
    }

    /**
     * Like {@link #build(Path, String, Predicate)}, and the bundles whose repository entry {@code isUnresolvable}
     * matches import a package nobody exports: the archive is complete, but the swap fails in the container.
     */
    Path buildUnresolvable(Path dir, String version, Predicate<String> isUnresolvable) throws Exception {
        return build(dir, version, name -> false, isUnresolvable);
    }

    private Path build(Path dir, String version, Predicate<String> isDropped, Predicate<String> isUnresolvable)
            throws Exception {
        String name = "qss-update-" + version;
        Path root = Files.createDirectories(dir.resolve(name));
        String kar = "qss-" + version + ".kar";
        if (version.equals(builtVersion)) {
            Files.copy(builtKar, root.resolve(kar));
        } else {
            writeKar(root.resolve(kar), version, isDropped, isUnresolvable);
        }
        Files.writeString(root.resolve("update.properties"), "format=1\nversion=" + version + "\nfeature=qss\n"
                + "repository=mvn:io.qss/qss-features/" + version + "/xml/features\nkar=" + kar + "\n");
        Files.writeString(root.resolve("SHA256SUMS"), sha256(root.resolve("update.properties"))
                + "  update.properties\n" + sha256(root.resolve(kar)) + "  " + kar + "\n");
        Path archive = dir.resolve(name + ".tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", dir.toString(), name)
                .inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IOException("tar failed [archive=" + archive + "]");
        }
        return archive;
    }

    private void writeKar(Path target, String version, Predicate<String> isDropped,
            Predicate<String> isUnresolvable) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(builtKar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName().replace(builtVersion, version);
                if (entry.isDirectory() || isDropped.test(name)) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(name));
                if (name.endsWith(".jar")) {
                    out.write(reversionedBundle(in.readAllBytes(), version, isUnresolvable.test(name)));
                } else if (name.endsWith(".xml")) {
                    String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    out.write(xml.replace(builtVersion, version).getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    private static byte[] reversionedBundle(byte[] jar, String version, boolean isUnresolvable) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream(jar.length + 256);
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            Manifest manifest = in.getManifest();
            Attributes main = manifest.getMainAttributes();
            main.put(new Attributes.Name("Bundle-Version"), version);
            if (isUnresolvable && main.getValue("Bundle-SymbolicName") != null) {
                String imports = main.getValue("Import-Package");
                main.put(new Attributes.Name("Import-Package"), (imports == null ? "" : imports + ",")
                        + "io.qss.nowhere;version=\"[9,10)\"");
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
            Path kar = files.filter(f -> f.toString().endsWith(".kar")).findFirst().orElseThrow();
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
