// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.configgen.ConfigGenException;
import io.qss.configgen.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigRequestTest {

    private static final ConfigRequest.NicArguments NO_NIC = new ConfigRequest.NicArguments(null, null, null, null);

    @Test
    void givenTargetNamesOfQssGet_whenParsing_thenEachMapsToItsTarget() throws Exception {
        assertEquals(Target.SHOREWALL, ConfigRequest.target("shorewall"));
        assertEquals(Target.NIC, ConfigRequest.target("nic"));
        assertEquals(Target.APCUPSD, ConfigRequest.target("APCUPSD"));
        assertEquals(Target.ALL, ConfigRequest.target("all"));
        assertEquals(Target.QSS, ConfigRequest.target("qss"));
    }

    @Test
    void givenAnUnknownTarget_whenParsing_thenTheErrorListsTheValidOnes() {
        ConfigGenException e = assertThrows(ConfigGenException.class, () -> ConfigRequest.target("firewall"));

        assertEquals(
                "unknown configuration target [target=firewall, expected=qss|nic|shorewall|apcupsd|all]",
                e.getMessage());
    }

    @Test
    void givenSeveralTargets_whenParsing_thenEachIsKeptOnceInOrder() throws Exception {
        assertEquals(
                List.of(Target.SHOREWALL, Target.APCUPSD),
                ConfigRequest.targets(List.of("shorewall", "apcupsd", "shorewall")));
        assertEquals(List.of(Target.ALL), ConfigRequest.targets(List.of("nic", "all")));
    }

    @Test
    void givenNoTarget_whenParsing_thenTheErrorListsTheValidOnes() {
        ConfigGenException e = assertThrows(ConfigGenException.class, () -> ConfigRequest.targets(List.of()));

        assertEquals("no configuration target given [expected=qss|nic|shorewall|apcupsd|all]", e.getMessage());
    }

    @Test
    void givenNoOptions_whenParsing_thenSshAndPingAreAllowedAndThereIsNoNic() throws Exception {
        ConfigRequest request = ConfigRequest.parse(List.of("shorewall"), null, false, false, NO_NIC);

        assertTrue(request.options().isSshAllowed());
        assertTrue(request.options().isPingAllowed());
        assertNull(request.options().nic());
    }

    @Test
    void givenNoSshAndNicOptions_whenParsing_thenTheyReachTheGenerationOptions() throws Exception {
        ConfigRequest request = ConfigRequest.parse(
                List.of("all"),
                "eno1",
                true,
                false,
                new ConfigRequest.NicArguments(
                        "10.0.0.5/24", null, "10.0.0.1", List.of("10.0.0.1,9.9.9.9", "1.1.1.1")));

        assertFalse(request.options().isSshAllowed());
        assertEquals("eno1", request.options().interfaceName());
        assertEquals(
                List.of("10.0.0.1", "9.9.9.9", "1.1.1.1"),
                request.options().nic().nameservers());
        assertEquals("10.0.0.5/24", request.options().nic().address());
    }
}
