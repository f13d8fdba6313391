// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.configgen.ConfigGenException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigArgumentsTest {

    @Test
    void givenOptionsAfterTheTarget_whenParsing_thenEachIsSet() throws Exception {
        ConfigArguments args = new ConfigArguments();

        args.parseTrailing(List.of(
                "--out",
                "/tmp/fw",
                "--no-ssh",
                "--address=10.0.0.5/24",
                "--gateway",
                "10.0.0.1",
                "--dns",
                "10.0.0.1",
                "--dns=9.9.9.9",
                "--interface",
                "eno1",
                "--no-ping",
                "--print"));

        assertEquals("/tmp/fw", args.out);
        assertTrue(args.isSshDenied && args.isPingDenied && args.isPrint);
        assertEquals("10.0.0.5/24", args.nic().address());
        assertEquals("10.0.0.1", args.nic().gateway());
        assertEquals(List.of("10.0.0.1", "9.9.9.9"), args.nic().dns());
        assertEquals("eno1", args.interfaceName);
    }

    @Test
    void givenAnUnknownWord_whenParsing_thenTheErrorNamesIt() {
        ConfigGenException e =
                assertThrows(ConfigGenException.class, () -> new ConfigArguments().parseTrailing(List.of("apcupsd")));

        assertEquals("unknown option or extra argument [word=apcupsd, help=qss:config --help]", e.getMessage());
    }

    @Test
    void givenAnOptionWithoutItsValue_whenParsing_thenTheErrorNamesTheOption() {
        ConfigGenException e =
                assertThrows(ConfigGenException.class, () -> new ConfigArguments().parseTrailing(List.of("--out")));

        assertEquals("option needs a value [option=--out]", e.getMessage());
    }
}
