// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import io.qss.ops.UpdateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.Dependency;
import org.apache.karaf.features.Feature;
import org.osgi.framework.Version;

/**
 * Checks that a swap really installed every qss bundle of the new version. The container's resolver may keep a
 * bundle it already runs when the new one cannot resolve (its feature still counts as installed), so a swap that
 * throws nothing can leave old and new bundles mixed; this finds every qss bundle whose running version is not the
 * one its jar in {@code system/} declares.
 */
final class SwapCheck {

    private static final String QSS_GROUP = "mvn:io.qss/";

    private final Path systemFolder;
    private final Supplier<Map<String, List<String>>> runningVersions;

    /**
     * @param runningVersions the versions of every installed bundle by symbolic name (one per installed bundle)
     */
    SwapCheck(Path systemFolder, Supplier<Map<String, List<String>>> runningVersions) {
        this.systemFolder = systemFolder;
        this.runningVersions = runningVersions;
    }

    /**
     * The qss bundles of {@code root} and the features it needs, among {@code repositoryFeatures}, that do not run
     * at their version, e.g. {@code io.qss.api.grpc 0.1.1 instead of 0.1.2}; empty when the swap is complete.
     */
    List<String> stale(Feature root, List<Feature> repositoryFeatures) throws UpdateException {
        Map<String, List<String>> running = runningVersions.get();
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> wanted :
                wantedVersions(root, repositoryFeatures).entrySet()) {
            List<String> versions = running.getOrDefault(wanted.getKey(), List.of());
            if (versions.isEmpty() || !versions.stream().allMatch(wanted.getValue()::equals)) {
                stale.add(wanted.getKey() + " " + (versions.isEmpty() ? "not installed" : String.join(",", versions))
                        + " instead of " + wanted.getValue());
            }
        }
        return stale;
    }

    /** Symbolic name → Bundle-Version of every qss bundle the feature needs, read from the jars in system/. */
    private Map<String, String> wantedVersions(Feature root, List<Feature> repositoryFeatures) throws UpdateException {
        Map<String, Feature> byName = new HashMap<>();
        repositoryFeatures.forEach(feature -> byName.put(feature.getName(), feature));
        Map<String, String> wanted = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        Deque<Feature> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            Feature feature = pending.pop();
            if (!seen.add(feature.getName())) {
                continue;
            }
            for (BundleInfo bundle : feature.getBundles()) {
                if (bundle.getLocation().startsWith(QSS_GROUP)) {
                    putManifestVersion(bundle.getLocation(), wanted);
                }
            }
            for (Dependency dependency : feature.getDependencies()) {
                Feature needed = byName.get(dependency.getName());
                if (needed != null) {
                    pending.push(needed);
                }
            }
        }
        return wanted;
    }

    private void putManifestVersion(String location, Map<String, String> wanted) throws UpdateException {
        Path jar = systemFolder.resolve(UpdatePreflight.mavenPath(location.trim(), systemFolder));
        try (JarFile file = new JarFile(jar.toFile())) {
            var attributes = file.getManifest().getMainAttributes();
            String name =
                    attributes.getValue("Bundle-SymbolicName").split(";")[0].trim();
            wanted.put(
                    name,
                    Version.parseVersion(attributes.getValue("Bundle-Version")).toString());
        } catch (IOException | RuntimeException e) {
            throw new UpdateException("bundle manifest unreadable [jar=" + jar + ", location=" + location + "]", e);
        }
    }
}
