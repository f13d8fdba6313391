// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.ops.OptionalPackage;
import io.qss.ops.UpdateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * An unpacked, verified {@code qss-packages-<version>.tar.gz}.
 *
 * <p>Layout: {@code packages.properties}, the KAR it names (the bundles of the optional features, in a Maven
 * repository layout), and {@code SHA256SUMS} covering both. The properties: {@code format=1}, {@code version},
 * {@code repository} (the features repository defining the features), {@code kar}, {@code packages} (names,
 * comma-separated) and per package {@code package.<name>.feature}, {@code .version}, {@code .aliases},
 * {@code .description}, {@code .config} (a {@code qss:config} target, optional).
 *
 * @param version the qss version the archive was built for
 * @param repository the features repository URI, e.g. {@code mvn:io.qss/qss-features/0.2.0/xml/features}
 * @param kar the KAR with the packages' bundles
 * @param packages the packages, in the archive's order, all marked not installed
 */
record PackagesArchive(String version, String repository, Path kar, List<OptionalPackage> packages) {

    static final String PROPERTIES = "packages.properties";
    private static final String KIND = "packages";

    static PackagesArchive open(Path archive, Path workDir) throws UpdateException {
        VerifiedArchive verified = VerifiedArchive.open(archive, workDir, KIND, PROPERTIES);
        List<OptionalPackage> packages = new ArrayList<>();
        for (String name : split(verified.required("packages", archive, KIND))) {
            packages.add(readPackage(verified, name, archive));
        }
        return new PackagesArchive(
                verified.required("version", archive, KIND),
                verified.required("repository", archive, KIND),
                verified.kar(),
                List.copyOf(packages));
    }

    /** The packages {@code names} (names or aliases) stand for, in the order given; every one when {@code isAll}. */
    List<OptionalPackage> select(List<String> names, boolean isAll) throws UpdateException {
        if (isAll) {
            return packages;
        }
        if (names.isEmpty()) {
            throw new UpdateException(
                    "no package named [available=" + available() + "]; name one or more, or use" + " -a for all");
        }
        List<OptionalPackage> selected = new ArrayList<>();
        for (String name : names) {
            OptionalPackage found = packages.stream()
                    .filter(p -> p.isNamed(name))
                    .findFirst()
                    .orElseThrow(() ->
                            new UpdateException("unknown package [name=" + name + ", available=" + available() + "]"));
            if (!selected.contains(found)) {
                selected.add(found);
            }
        }
        return selected;
    }

    /** e.g. {@code apcupsd (alias ups)}. */
    String available() {
        return packages.stream()
                .map(p -> p.name() + (p.aliases().isEmpty() ? "" : " (alias " + String.join(", ", p.aliases()) + ")"))
                .collect(Collectors.joining(", "));
    }

    private static OptionalPackage readPackage(VerifiedArchive verified, String name, Path archive)
            throws UpdateException {
        String prefix = "package." + name + ".";
        Properties properties = verified.properties();
        return new OptionalPackage(
                name,
                split(properties.getProperty(prefix + "aliases", "")),
                verified.required(prefix + "feature", archive, KIND),
                verified.required(prefix + "version", archive, KIND),
                properties.getProperty(prefix + "description", "").trim(),
                properties.getProperty(prefix + "config", "").trim(),
                false);
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
