// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.ops.UpdateException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateArchiveTest {

    @TempDir
    Path dir;

    @Test
    void givenIntactArchiveFolder_whenOpened_thenItsPropertiesAreRead() throws Exception {
        Path root = writeArchive(dir.resolve("qss-update-0.2.0"));
        UpdateArchive archive = UpdateArchive.open(root, dir.resolve("work"));
        assertEquals("0.2.0", archive.version());
        assertEquals("qss", archive.feature());
        assertEquals("mvn:io.qss/qss-features/0.2.0/xml/features", archive.repository());
        assertEquals(root.resolve("qss-0.2.0.kar"), archive.kar());
    }

    @Test
    void givenTamperedKar_whenOpened_thenRefusedNamingTheFile() throws Exception {
        Path root = writeArchive(dir.resolve("qss-update-0.2.0"));
        Files.write(root.resolve("qss-0.2.0.kar"), new byte[] {1, 2, 3});
        UpdateException refused =
                assertThrows(UpdateException.class, () -> UpdateArchive.open(root, dir.resolve("work")));
        assertTrue(refused.getMessage().startsWith("checksum mismatch, archive refused ["), refused.getMessage());
        assertTrue(refused.getMessage().contains("file=qss-0.2.0.kar"), refused.getMessage());
    }

    @Test
    void givenKarWithoutChecksum_whenOpened_thenRefused() throws Exception {
        Path root = writeArchive(dir.resolve("qss-update-0.2.0"));
        String sums = Files.readString(root.resolve(VerifiedArchive.CHECKSUMS));
        Files.writeString(
                root.resolve(VerifiedArchive.CHECKSUMS),
                sums.lines().filter(line -> !line.endsWith("qss-0.2.0.kar")).reduce("", (a, b) -> a + b + "\n"));
        UpdateException refused =
                assertThrows(UpdateException.class, () -> UpdateArchive.open(root, dir.resolve("work")));
        assertTrue(refused.getMessage().contains("no checksum for its KAR"), refused.getMessage());
    }

    @Test
    void givenTarGz_whenOpened_thenUnpackedAndVerified() throws Exception {
        Path root = writeArchive(dir.resolve("src/qss-update-0.2.0"));
        Path nested = root.resolve("deep/" + "x".repeat(120) + "/file.txt");
        Files.createDirectories(nested.getParent());
        Files.writeString(nested, "long names survive");
        Path tarGz = dir.resolve("qss-update-0.2.0.tar.gz");
        Process tar = new ProcessBuilder(
                        "tar",
                        "-czf",
                        tarGz.toString(),
                        "-C",
                        dir.resolve("src").toString(),
                        "qss-update-0.2.0")
                .inheritIO()
                .start();
        assertEquals(0, tar.waitFor());
        UpdateArchive archive = UpdateArchive.open(tarGz, dir.resolve("work"));
        assertEquals("0.2.0", archive.version());
        assertEquals(
                "long names survive",
                Files.readString(archive.root().resolve("deep/" + "x".repeat(120) + "/file.txt")));
    }

    @Test
    void givenMissingArchive_whenOpened_thenClearError() {
        UpdateException refused = assertThrows(
                UpdateException.class, () -> UpdateArchive.open(dir.resolve("nope.tar.gz"), dir.resolve("work")));
        assertTrue(refused.getMessage().startsWith("update archive not found [archive="), refused.getMessage());
    }

    @Test
    void givenAnotherFeatureThanQss_whenOpened_thenRefused() throws Exception {
        Path root = writeArchive(dir.resolve("qss-update-0.2.0"));
        Files.writeString(
                root.resolve(UpdateArchive.PROPERTIES),
                Files.readString(root.resolve(UpdateArchive.PROPERTIES)).replace("feature=qss", "feature=qss-extra"));
        Files.writeString(
                root.resolve(VerifiedArchive.CHECKSUMS),
                VerifiedArchive.sha256(root.resolve(UpdateArchive.PROPERTIES)) + "  " + UpdateArchive.PROPERTIES + "\n"
                        + VerifiedArchive.sha256(root.resolve("qss-0.2.0.kar")) + "  qss-0.2.0.kar\n");
        UpdateException refused =
                assertThrows(UpdateException.class, () -> UpdateArchive.open(root, dir.resolve("work")));
        assertTrue(
                refused.getMessage().startsWith("update archive carries another feature than qss, archive refused"),
                refused.getMessage());
    }

    static Path writeArchive(Path root) throws Exception {
        Files.createDirectories(root);
        Files.writeString(
                root.resolve(UpdateArchive.PROPERTIES),
                String.join(
                                "\n",
                                List.of(
                                        "format=1",
                                        "version=0.2.0",
                                        "feature=qss",
                                        "repository=mvn:io.qss/qss-features/0.2.0/xml/features",
                                        "kar=qss-0.2.0.kar"))
                        + "\n",
                StandardCharsets.UTF_8);
        Files.write(root.resolve("qss-0.2.0.kar"), "not really a kar".getBytes(StandardCharsets.UTF_8));
        Files.writeString(
                root.resolve(VerifiedArchive.CHECKSUMS),
                VerifiedArchive.sha256(root.resolve(UpdateArchive.PROPERTIES)) + "  " + UpdateArchive.PROPERTIES + "\n"
                        + VerifiedArchive.sha256(root.resolve("qss-0.2.0.kar")) + "  qss-0.2.0.kar\n");
        return root;
    }
}
