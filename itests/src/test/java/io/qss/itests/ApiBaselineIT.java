// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * API baselining: every package a qss bundle exports has its API recorded in {@code bundles/<bundle>/api/<package>.api}
 * (first line {@code package <name> <version>}, then {@link ApiSignatures}' lines). The build fails when a package's API
 * differs from its record and its version does not carry the change: a removed or changed signature (or an abstract
 * method added to a {@code @ConsumerType}) needs a major bump, an addition a minor bump. A change with the right bump
 * still fails until it is recorded with {@code -Dqss.api.write=true}, so that the record (reviewed with the change)
 * always shows the API as released. Reads the features KAR only; nothing is started.
 */
public class ApiBaselineIT {

    private static final Pattern BUNDLE = Pattern.compile("repository/io/qss/(io\\.qss\\.[^/]+)/[^/]+/[^/]+\\.jar");
    private static final Map<String, ExportedPackage> PACKAGES = new TreeMap<>();

    /** A package as built: its bundle, version and API. */
    record ExportedPackage(String bundle, String name, String version, ApiSignatures api) {}

    @BeforeClass
    public static void readBundles() throws IOException {
        Path kar = Path.of(System.getProperty("qss.features.kar"));
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(kar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                var m = BUNDLE.matcher(entry.getName());
                if (m.matches()) {
                    readBundle(m.group(1), in.readAllBytes());
                }
            }
        }
        assertFalse("no exported qss package in " + kar, PACKAGES.isEmpty());
    }

    private static void readBundle(String bundle, byte[] jarBytes) throws IOException {
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(jarBytes))) {
            if (jar.getManifest() == null) {
                return;
            }
            Map<String, String> exports = BundleGraph.exportedVersions(
                    jar.getManifest().getMainAttributes().getValue("Export-Package"));
            Map<String, ApiSignatures> apis = new TreeMap<>();
            exports.keySet().forEach(p -> apis.put(p, new ApiSignatures()));
            for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                String name = e.getName();
                int slash = name.lastIndexOf('/');
                if (name.endsWith(".class") && slash > 0 && !name.endsWith("package-info.class")) {
                    ApiSignatures api = apis.get(name.substring(0, slash).replace('/', '.'));
                    if (api != null) {
                        api.add(jar.readAllBytes());
                    }
                }
            }
            exports.forEach((p, v) -> PACKAGES.put(p, new ExportedPackage(bundle, p, v, apis.get(p))));
        }
    }

    @Test
    public void everyExportedPackageMatchesItsRecordOrCarriesItsVersionBump() throws IOException {
        boolean write = Boolean.getBoolean("qss.api.write");
        List<String> problems = new ArrayList<>();
        for (ExportedPackage p : PACKAGES.values()) {
            String problem = check(p, write);
            if (problem != null) {
                problems.add(problem);
            }
        }
        problems.addAll(staleRecords(write));
        assertTrue(String.join("\n", problems), problems.isEmpty());
    }

    private static String check(ExportedPackage p, boolean write) throws IOException {
        Path file = recordFile(p);
        SortedSet<String> now = p.api().lines();
        if (!Files.exists(file)) {
            if (write) {
                record(file, p);
                return null;
            }
            return "API of package not recorded [package=" + p.name() + ", file=" + relative(file)
                    + "]; record it with -Dqss.api.write=true";
        }
        List<String> recorded = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] head = recorded.get(0).split(" ");
        String recordedVersion = head[2];
        SortedSet<String> before = new TreeSet<>(recorded.subList(1, recorded.size()));
        if (before.equals(now) && recordedVersion.equals(p.version())) {
            return null;
        }
        SortedSet<String> removed = new TreeSet<>(before);
        removed.removeAll(now);
        SortedSet<String> added = new TreeSet<>(now);
        added.removeAll(before);
        boolean needsMajor = !removed.isEmpty() || added.stream().anyMatch(p.api()::breaksImplementers);
        String needed = needsMajor ? "major" : added.isEmpty() ? "none" : "minor";
        if (!bumpCovers(recordedVersion, p.version(), needsMajor, !added.isEmpty())) {
            return "API of package changed without the version bump it needs [package=" + p.name() + ", recorded="
                    + recordedVersion + ", now=" + p.version() + ", needs=" + needed + ", removed="
                    + first(removed) + ", added=" + first(added) + "]";
        }
        if (write) {
            record(file, p);
            return null;
        }
        return "API of package differs from its record [package=" + p.name() + ", recorded=" + recordedVersion
                + ", now=" + p.version() + ", removed=" + first(removed) + ", added=" + first(added)
                + "]; record it with -Dqss.api.write=true";
    }

    /** Whether going from {@code before} to {@code after} is the bump a change needs (a larger one is fine). */
    static boolean bumpCovers(String before, String after, boolean needsMajor, boolean needsMinor) {
        int[] b = parts(before);
        int[] a = parts(after);
        if (needsMajor) {
            return a[0] > b[0];
        }
        if (needsMinor) {
            return a[0] > b[0] || (a[0] == b[0] && a[1] > b[1]);
        }
        return compare(a, b) >= 0;
    }

    private static int[] parts(String version) {
        String[] s = version.split("\\.");
        int[] v = new int[3];
        for (int i = 0; i < 3 && i < s.length; i++) {
            v[i] = Integer.parseInt(s[i]);
        }
        return v;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    private static List<String> staleRecords(boolean write) throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.find(bundlesDir(), 3, ApiBaselineIT::isRecord)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString().replaceAll("\\.api$", "");
                ExportedPackage p = PACKAGES.get(name);
                if (p != null && recordFile(p).equals(f)) {
                    continue;
                }
                if (write) {
                    Files.delete(f);
                } else {
                    problems.add(
                            "API record of a package no bundle exports [file=" + relative(f)
                                    + "]; delete it with -Dqss.api.write=true (a removed package needs its bundle's major bump)");
                }
            }
        }
        return problems;
    }

    private static boolean isRecord(Path file, BasicFileAttributes attributes) {
        return attributes.isRegularFile()
                && file.getParent().getFileName().toString().equals("api")
                && file.getFileName().toString().endsWith(".api");
    }

    private static void record(Path file, ExportedPackage p) throws IOException {
        Files.createDirectories(file.getParent());
        List<String> lines = new ArrayList<>();
        lines.add("package " + p.name() + " " + p.version());
        lines.addAll(p.api().lines());
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String first(SortedSet<String> lines) {
        List<String> shown = lines.stream().limit(5).toList();
        return shown + (lines.size() > 5 ? " and " + (lines.size() - 5) + " more" : "");
    }

    private static Path recordFile(ExportedPackage p) {
        return bundlesDir().resolve(p.bundle()).resolve("api").resolve(p.name() + ".api");
    }

    private static Path bundlesDir() {
        return Path.of(System.getProperty("qss.docs.dir"))
                .resolveSibling("bundles")
                .normalize();
    }

    private static String relative(Path file) {
        return bundlesDir().getParent().relativize(file).toString();
    }
}
