// SPDX-License-Identifier: Apache-2.0
package io.qss.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * docs/architecture.md shows the bundles as their manifests make them: the generated section (between the markers of
 * {@link BundleGraph}) is exactly what the assembled bundles' {@code Import-Package} and {@code Export-Package} give,
 * and the hand-written bundle table (above the section) names every bundle of the features KAR. With {@code -Dqss.docs.write=true} the
 * test first rewrites the section (the way to update it after a change). It also holds the layering rule that no
 * edge bundle (a listener facing clients or devices) uses another. Reads the KAR and the page only; nothing is started.
 */
public class BundleGraphIT {

    /** Bundles facing clients or devices; what several of them share lives in a bundle of its own (io.qss.query). */
    static final Set<String> EDGES = Set.of("io.qss.api.rest", "io.qss.api.grpc", "io.qss.plotter", "io.qss.receiver");

    private static final Pattern BUNDLE = Pattern.compile("repository/io/qss/io\\.qss\\.[^/]+/[^/]+/[^/]+\\.jar");
    private static final Pattern TABLE_ROW = Pattern.compile("\\| `(io\\.qss\\.[^`]+)` \\| ([^|]+) \\|.*");
    private static final BundleGraph GRAPH = new BundleGraph();

    @BeforeClass
    public static void readBundles() throws IOException {
        Path kar = Path.of(System.getProperty("qss.features.kar"));
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(kar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (BUNDLE.matcher(entry.getName()).matches()) {
                    try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(in.readAllBytes()))) {
                        Manifest manifest = jar.getManifest();
                        if (manifest != null) {
                            GRAPH.add(manifest);
                        }
                    }
                }
            }
        }
        assertFalse("no qss bundle in " + kar, GRAPH.bundles().isEmpty());
    }

    @Test
    public void theGeneratedSectionOfTheArchitecturePageIsWhatTheManifestsSay() throws IOException {
        Path page = page();
        String text = Files.readString(page);
        int begin = text.indexOf(BundleGraph.BEGIN);
        int end = text.indexOf(BundleGraph.END);
        assertTrue(
                "markers missing in " + page + " [begin=" + BundleGraph.BEGIN + ", end=" + BundleGraph.END + "]",
                begin >= 0 && end > begin);
        String shown = text.substring(begin, end + BundleGraph.END.length());
        String generated = GRAPH.section();
        if (Boolean.getBoolean("qss.docs.write") && !shown.equals(generated)) {
            Files.writeString(
                    page,
                    text.substring(0, begin) + generated + text.substring(end + BundleGraph.END.length()),
                    StandardCharsets.UTF_8);
            shown = generated;
        }
        assertEquals(
                "docs/architecture.md differs from the bundles' manifests; rerun this test with "
                        + "-Dqss.docs.write=true to rewrite the section",
                generated,
                shown);
    }

    @Test
    public void theBundleTableNamesEveryShippedBundleAndOnlyThose() throws IOException {
        SortedSet<String> listed = new TreeSet<>();
        SortedSet<String> notShipped = new TreeSet<>();
        String text = Files.readString(page());
        int generated = text.indexOf(BundleGraph.BEGIN);
        for (String line :
                (generated < 0 ? text : text.substring(0, generated)).lines().toList()) {
            Matcher row = TABLE_ROW.matcher(line);
            if (row.matches() && row.group(2).strip().startsWith("`qss-")) {
                listed.add(row.group(1));
            } else if (row.matches() && row.group(2).strip().startsWith("none")) {
                notShipped.add(row.group(1));
            }
        }
        SortedSet<String> missing = new TreeSet<>(GRAPH.bundles());
        missing.removeAll(listed);
        SortedSet<String> unknown = new TreeSet<>(listed);
        unknown.removeAll(GRAPH.bundles());
        assertEquals("bundles of the KAR missing from the table of docs/architecture.md", Set.of(), missing);
        assertEquals("bundles in the table of docs/architecture.md that the KAR does not hold", Set.of(), unknown);
        assertTrue(
                "a bundle listed both as shipped and as not shipped: " + notShipped,
                notShipped.stream().noneMatch(listed::contains));
    }

    @Test
    public void noEdgeBundleUsesAnotherEdgeBundle() {
        List<String> crossings = new ArrayList<>();
        GRAPH.uses().forEach((bundle, used) -> {
            if (EDGES.contains(bundle)) {
                used.stream().filter(EDGES::contains).forEach(to -> crossings.add(bundle + " -> " + to));
            }
        });
        assertEquals("edge bundles using each other", List.of(), crossings);
    }

    private static Path page() {
        return Path.of(System.getProperty("qss.docs.dir"), "architecture.md");
    }
}
