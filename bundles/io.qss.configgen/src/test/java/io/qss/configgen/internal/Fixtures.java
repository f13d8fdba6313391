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
    static final NicOptions MANUAL_NIC = new NicOptions("172.16.1.100/24", null, "172.16.1.1",
            List.of("172.16.1.1", "9.9.9.9"));

    static final GenerationOptions OPTIONS = new GenerationOptions("eno1", true, true, MANUAL_NIC);

    /** A production configuration: plotter on 80 and 443, SSH closed. */
    static final LiveConfiguration PRODUCTION = new LiveConfiguration(Map.of(
            LiveConfiguration.PLOTTER, Map.of("port", 80, "httpsPort", "443", "isHttpsEnabled", true),
            LiveConfiguration.REST, Map.of("port", 9000, "host", "0.0.0.0", "maxThreads", 32)));

    private Fixtures() {
    }

    static ConfigGeneratorImpl generator(LiveConfiguration live) {
        return new ConfigGeneratorImpl(() -> live, Path.of("/nonexistent/route"),
                Map.of(FileRoot.SYSTEM, Path.of("/nonexistent"), FileRoot.DISTRIBUTION, Path.of("/nonexistent")));
    }

    static List<GeneratedFile> all(LiveConfiguration live, GenerationOptions options) throws ConfigGenException {
        return generator(live).generate(Target.ALL, options);
    }
}
