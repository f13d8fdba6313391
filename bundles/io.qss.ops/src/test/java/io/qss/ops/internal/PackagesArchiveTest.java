// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.ops.OptionalPackage;
import io.qss.ops.UpdateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagesArchiveTest {

    @TempDir
    Path dir;

    @Test
    void givenIntactArchive_whenOpened_thenPackagesAndAliasesAreRead() throws Exception {
        PackagesArchive archive = PackagesArchive.open(write(dir.resolve("qss-packages-0.2.0")), dir.resolve("w"));

        assertEquals("0.2.0", archive.version());
        assertEquals("mvn:io.qss/qss-features/0.2.0/xml/features", archive.repository());
        OptionalPackage ups = archive.packages().get(0);
        assertEquals("apcupsd", ups.name());
        assertEquals(List.of("ups"), ups.aliases());
        assertEquals("qss-ups", ups.feature());
        assertEquals("apcupsd", ups.configTarget());
        assertFalse(ups.isInstalled());
        assertEquals("apcupsd (alias ups), extra", archive.available());
    }

    @Test
    void givenNamesAndAliases_whenSelected_thenEachPackageOnceInOrder() throws Exception {
        PackagesArchive archive = PackagesArchive.open(write(dir.resolve("p")), dir.resolve("w"));

        assertEquals(
                List.of("extra", "apcupsd"),
                archive.select(List.of("extra", "UPS", "apcupsd"), false).stream()
                        .map(OptionalPackage::name)
                        .toList());
        assertEquals(2, archive.select(List.of(), true).size());
    }

    @Test
    void givenUnknownName_whenSelected_thenRefusedListingThePackages() throws Exception {
        PackagesArchive archive = PackagesArchive.open(write(dir.resolve("p")), dir.resolve("w"));

        UpdateException unknown =
                assertThrows(UpdateException.class, () -> archive.select(List.of("apcupsd", "nut"), false));
        assertEquals("unknown package [name=nut, available=apcupsd (alias ups), extra]", unknown.getMessage());
        UpdateException none = assertThrows(UpdateException.class, () -> archive.select(List.of(), false));
        assertTrue(none.getMessage().startsWith("no package named [available=apcupsd"), none.getMessage());
    }

    @Test
    void givenTamperedProperties_whenOpened_thenRefused() throws Exception {
        Path root = write(dir.resolve("p"));
        Files.writeString(
                root.resolve(PackagesArchive.PROPERTIES), "\npackages=apcupsd,extra,evil\n", StandardOpenOption.APPEND);

        UpdateException refused =
                assertThrows(UpdateException.class, () -> PackagesArchive.open(root, dir.resolve("w")));
        assertTrue(refused.getMessage().startsWith("checksum mismatch, archive refused ["), refused.getMessage());
        assertTrue(refused.getMessage().contains("file=packages.properties"), refused.getMessage());
    }

    private static Path write(Path root) throws Exception {
        Files.createDirectories(root);
        Files.writeString(
                root.resolve(PackagesArchive.PROPERTIES),
                String.join(
                                "\n",
                                List.of(
                                        "format=1",
                                        "version=0.2.0",
                                        "repository=mvn:io.qss/qss-features/0.2.0/xml/features",
                                        "kar=qss-packages-0.2.0.kar",
                                        "packages=apcupsd, extra",
                                        "package.apcupsd.feature=qss-ups",
                                        "package.apcupsd.version=0.2.0",
                                        "package.apcupsd.aliases=ups",
                                        "package.apcupsd.description=UPS",
                                        "package.apcupsd.config=apcupsd",
                                        "package.extra.feature=qss-extra",
                                        "package.extra.version=0.2.0"))
                        + "\n");
        Files.write(root.resolve("qss-packages-0.2.0.kar"), new byte[] {'P', 'K', 5, 6});
        Files.writeString(
                root.resolve(VerifiedArchive.CHECKSUMS),
                VerifiedArchive.sha256(root.resolve(PackagesArchive.PROPERTIES)) + "  packages.properties\n"
                        + VerifiedArchive.sha256(root.resolve("qss-packages-0.2.0.kar"))
                        + "  qss-packages-0.2.0.kar\n");
        return root;
    }
}
