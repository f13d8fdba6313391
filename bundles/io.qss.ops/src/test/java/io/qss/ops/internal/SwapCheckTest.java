// SPDX-License-Identifier: Apache-2.0
package io.qss.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.Dependency;
import org.apache.karaf.features.Feature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwapCheckTest {

    @TempDir
    Path system;

    @Test
    void givenTheResolverKeptAnOldBundle_whenChecked_thenItIsNamedAndOtherFeaturesAndGroupsAreIgnored()
            throws Exception {
        jar("io.qss.core", "0.1.2");
        jar("io.qss.api.grpc", "0.1.2");
        jar("io.qss.ups", "0.1.2");
        Feature grpc = feature(
                "qss-api-grpc",
                List.of("mvn:io.qss/io.qss.api.grpc/0.1.2", "mvn:io.netty/netty-common/4.2.2.Final"),
                List.of("qss-core"));
        Feature core = feature("qss-core", List.of("mvn:io.qss/io.qss.core/0.1.2"), List.of("scr"));
        Feature ups = feature("qss-ups", List.of("mvn:io.qss/io.qss.ups/0.1.2"), List.of());
        Feature qss = feature("qss", List.of(), List.of("qss-api-grpc", "qss-core"));
        Map<String, List<String>> running = Map.of(
                "io.qss.core", List.of("0.1.2"), "io.qss.api.grpc", List.of("0.1.1"), "io.qss.ups", List.of("0.1.0"));

        List<String> stale = new SwapCheck(system, () -> running).stale(qss, List.of(qss, grpc, core, ups));

        assertEquals(List.of("io.qss.api.grpc 0.1.1 instead of 0.1.2"), stale);
    }

    @Test
    void givenEveryBundleSwappedAndASnapshotStamp_whenChecked_thenNothingIsStale() throws Exception {
        jar("io.qss.core", "0.1.0.202612060220");
        Feature qss = feature("qss", List.of("mvn:io.qss/io.qss.core/0.1.0-SNAPSHOT"), List.of());
        Path snapshot = system.resolve("io/qss/io.qss.core/0.1.0-SNAPSHOT");
        Files.createDirectories(snapshot);
        Files.move(
                system.resolve("io/qss/io.qss.core/0.1.0.202612060220/io.qss.core-0.1.0.202612060220.jar"),
                snapshot.resolve("io.qss.core-0.1.0-SNAPSHOT.jar"));

        assertEquals(
                List.of(),
                new SwapCheck(system, () -> Map.of("io.qss.core", List.of("0.1.0.202612060220")))
                        .stale(qss, List.of(qss)));
    }

    /** A bundle jar at its Maven path in system/, holding only a manifest. */
    private void jar(String name, String version) throws Exception {
        Path folder = Files.createDirectories(system.resolve("io/qss/" + name + "/" + version));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", name + ";singleton:=true");
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        try (JarOutputStream out =
                new JarOutputStream(Files.newOutputStream(folder.resolve(name + "-" + version + ".jar")), manifest)) {
            out.flush();
        }
    }

    private static Feature feature(String name, List<String> bundles, List<String> dependencies) {
        List<BundleInfo> infos = bundles.stream()
                .map(location -> proxy(BundleInfo.class, Map.of("getLocation", location)))
                .toList();
        List<Dependency> needs = dependencies.stream()
                .map(needed -> proxy(Dependency.class, Map.of("getName", needed)))
                .toList();
        return proxy(Feature.class, Map.of("getName", name, "getBundles", infos, "getDependencies", needs));
    }

    /** An instance of {@code type} answering only the given getters. */
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            return answers.get(method.getName());
        }));
    }
}
