// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.ops.UpdateException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdatePreflightTest {

    private static final String REPOSITORY = "mvn:io.qss/qss-features/0.2.0/xml/features";
    private static final String FEATURES_PATH = "io/qss/qss-features/0.2.0/qss-features-0.2.0-features.xml";
    private static final String FEATURES = "<features><feature name=\"qss\" version=\"0.2.0\">"
            + "<bundle>mvn:io.qss/io.qss.core/0.2.0</bundle>"
            + "<bundle dependency=\"true\">\n  mvn:org.example/lib/1.0\n</bundle></feature></features>";

    @TempDir
    Path dir;

    @Test
    void givenMavenUrls_whenMapped_thenRepositoryPathsAsTheResolverLaysThemOut() throws Exception {
        assertEquals(FEATURES_PATH, UpdatePreflight.mavenPath(REPOSITORY, dir));
        assertEquals(
                "io/qss/io.qss.core/0.2.0/io.qss.core-0.2.0.jar",
                UpdatePreflight.mavenPath("mvn:io.qss/io.qss.core/0.2.0", dir));
        UpdateException refused =
                assertThrows(UpdateException.class, () -> UpdatePreflight.mavenPath("file:/tmp/x.jar", dir));
        assertTrue(refused.getMessage().startsWith("not a Maven URL in the update archive ["), refused.getMessage());
    }

    @Test
    void givenEveryBundleInTheKarOrTheSystemFolder_whenChecked_thenAccepted() throws Exception {
        Path system = Files.createDirectories(dir.resolve("system/org/example/lib/1.0"));
        Files.writeString(system.resolve("lib-1.0.jar"), "already there");
        Path kar = kar(Map.of(FEATURES_PATH, FEATURES, "io/qss/io.qss.core/0.2.0/io.qss.core-0.2.0.jar", "jar"));
        assertDoesNotThrow(() -> UpdatePreflight.check(kar, REPOSITORY, dir.resolve("system")));
    }

    @Test
    void givenABundleNowhere_whenChecked_thenRefusedNamingIt() throws Exception {
        Path kar = kar(Map.of(FEATURES_PATH, FEATURES, "io/qss/io.qss.core/0.2.0/io.qss.core-0.2.0.jar", "jar"));
        UpdateException refused = assertThrows(
                UpdateException.class,
                () -> UpdatePreflight.check(kar, REPOSITORY, Files.createDirectories(dir.resolve("system"))));
        assertEquals(
                "update archive lacks bundles its features need, archive refused [kar=" + kar
                        + ", missing=[mvn:org.example/lib/1.0]]",
                refused.getMessage());
    }

    @Test
    void givenNoFeaturesRepositoryInTheKar_whenChecked_thenRefused() throws Exception {
        Path kar = kar(Map.of("io/qss/io.qss.core/0.2.0/io.qss.core-0.2.0.jar", "jar"));
        UpdateException refused = assertThrows(
                UpdateException.class, () -> UpdatePreflight.check(kar, REPOSITORY, dir.resolve("system")));
        assertTrue(
                refused.getMessage().startsWith("update archive's KAR lacks its features repository"),
                refused.getMessage());
    }

    @Test
    void givenNotAZip_whenChecked_thenRefusedAsUnreadableOrLacking() throws Exception {
        Path kar = Files.writeString(dir.resolve("broken.kar"), "not a zip");
        assertThrows(UpdateException.class, () -> UpdatePreflight.check(kar, REPOSITORY, dir.resolve("system")));
    }

    private Path kar(Map<String, String> entries) throws Exception {
        Path kar = dir.resolve("qss-0.2.0.kar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(kar))) {
            for (Map.Entry<String, String> entry : new LinkedHashMap<>(entries).entrySet()) {
                out.putNextEntry(new ZipEntry("repository/" + entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return kar;
    }
}
