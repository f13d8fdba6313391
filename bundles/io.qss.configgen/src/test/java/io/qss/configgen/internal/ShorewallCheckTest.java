// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.configgen.GenerationOptions;
import io.qss.configgen.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code shorewall check DIR} on generated configurations. It compiles the whole configuration (zones,
 * interfaces, policy, rules against the kernel's detected capabilities) without touching the running firewall;
 * it needs root (non-root compiling needs a capabilities file) and the {@code shorewall} package.
 */
class ShorewallCheckTest {

    @TempDir
    Path out;

    private Path shorewall;

    @BeforeEach
    void requireShorewall() {
        shorewall = RealTool.require("shorewall", "shorewall");
        RealTool.requireRoot("shorewall compiles only as root without a capabilities file");
    }

    @Test
    void givenDefaultPorts_whenShorewallChecksTheGeneratedDirectory_thenItIsVerified() throws Exception {
        RealTool.Result result = check(Fixtures.defaults(), Fixtures.OPTIONS);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Shorewall configuration verified"), result.output());
    }

    @Test
    void givenProductionPortsWithoutSshOrPing_whenShorewallChecks_thenItIsVerified() throws Exception {
        RealTool.Result result = check(Fixtures.PRODUCTION, new GenerationOptions("enp3s0", false, false, null));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Shorewall configuration verified"), result.output());
    }

    @Test
    void givenABrokenRule_whenShorewallChecks_thenItFails() throws Exception {
        Fixtures.generator(Fixtures.defaults())
                .write(Fixtures.generator(Fixtures.defaults()).generate(Target.SHOREWALL, Fixtures.OPTIONS), out);
        Files.writeString(
                out.resolve("etc/shorewall/rules"), "ACCEPT\tnet\t$FW\ttcp\t99999\n", StandardOpenOption.APPEND);

        RealTool.Result result = RealTool.run(out, 120, shorewall.toString(), "check", "etc/shorewall");

        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("99999"), result.output());
    }

    private RealTool.Result check(LiveConfiguration live, GenerationOptions options) throws Exception {
        ConfigGeneratorImpl generator = Fixtures.generator(live);
        generator.write(generator.generate(Target.SHOREWALL, options), out);
        return RealTool.run(
                out,
                120,
                shorewall.toString(),
                "check",
                out.resolve("etc/shorewall").toString());
    }
}
