// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import io.qss.configgen.ConfigGenException;
import io.qss.configgen.FileRoot;
import io.qss.configgen.GeneratedFile;
import io.qss.configgen.GenerationOptions;
import io.qss.configgen.NicOptions;
import io.qss.configgen.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The configurations the golden files and the real-tool checks are made from. */
final class Fixtures {

    /** The manual's chapter 7 example, on the manual's interface name. */
    static final NicOptions MANUAL_NIC =
            new NicOptions("172.16.1.100/24", null, "172.16.1.1", List.of("172.16.1.1", "9.9.9.9"));

    static final GenerationOptions OPTIONS = new GenerationOptions("eno1", true, true, MANUAL_NIC);

    /** The keystore password of the production case, which no generated file may contain. */
    static final String KEYSTORE_PASSWORD = "pr0d-keystore-secret";

    /** A production configuration: the plotter on HTTP 80 and HTTPS 443 (the manual's setting), SSH closed. */
    /**
     * The listeners' default ports as their metatypes declare them (itests' ShippedConfigIT holds the shipped etc
     * files to the same metatypes).
     */
    static final Map<String, Integer> METATYPE_PORTS =
            Map.of(LiveConfiguration.RECEIVER, 1883, LiveConfiguration.GRPC, 4410, LiveConfiguration.REST, 9000);

    static final LiveConfiguration PRODUCTION = live(Map.of(
            LiveConfiguration.PAX_WEB,
                    Map.of(
                            "org.osgi.service.http.port",
                            "80",
                            "org.osgi.service.http.secure.enabled",
                            "true",
                            "org.osgi.service.http.port.secure",
                            "443",
                            "org.ops4j.pax.web.ssl.keystore.password",
                            KEYSTORE_PASSWORD,
                            "org.ops4j.pax.web.ssl.key.password",
                            KEYSTORE_PASSWORD,
                            "service.pid",
                            "org.ops4j.pax.web"),
            LiveConfiguration.PLOTTER, Map.of("sessionExpirySeconds", "86400", "service.pid", "io.qss.plotter"),
            LiveConfiguration.REST, Map.of("port", 9000, "host", "0.0.0.0", "maxThreads", 32)));

    private Fixtures() {}

    /** The live configuration {@code byPid} over every listener's metatype default. */
    static LiveConfiguration live(Map<String, Map<String, Object>> byPid) {
        return new LiveConfiguration(byPid, METATYPE_PORTS);
    }

    /** No configuration at all: every default. */
    static LiveConfiguration defaults() {
        return live(Map.of());
    }

    static ConfigGeneratorImpl generator(LiveConfiguration live) {
        return new ConfigGeneratorImpl(
                () -> live,
                Path.of("/nonexistent/route"),
                Map.of(FileRoot.SYSTEM, Path.of("/nonexistent"), FileRoot.DISTRIBUTION, Path.of("/nonexistent")));
    }

    static List<GeneratedFile> all(LiveConfiguration live, GenerationOptions options) throws ConfigGenException {
        return generator(live).generate(Target.ALL, options);
    }
}
