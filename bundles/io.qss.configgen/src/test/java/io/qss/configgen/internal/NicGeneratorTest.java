// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.configgen.ConfigGenException;
import io.qss.configgen.GenerationOptions;
import io.qss.configgen.NicOptions;
import io.qss.configgen.Target;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NicGeneratorTest {

    private final NicGenerator generator = new NicGenerator();

    @Test
    void givenAddressAndDottedNetmask_whenGenerating_thenTheStanzaHasBoth() throws Exception {
        String content = generate(new NicOptions("10.0.0.5", "255.255.255.0", "10.0.0.1", List.of()));

        assertTrue(
                content.contains("    address 10.0.0.5\n    netmask 255.255.255.0\n    gateway 10.0.0.1\n"), content);
        assertTrue(!content.contains("dns-nameservers"), content);
    }

    @Test
    void givenNoGateway_whenGenerating_thenTheStanzaHasNone() throws Exception {
        String content = generate(new NicOptions("192.168.7.20/16", null, null, List.of("192.168.0.1")));

        assertTrue(content.contains("    netmask 255.255.0.0\n    dns-nameservers 192.168.0.1\n"), content);
        assertTrue(!content.contains("gateway"), content);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource(
            delimiter = ';',
            value = {
                "10.0.0.256/24;;10.0.0.1;;invalid IPv4 address [option=--address, value=10.0.0.256",
                "10.0.0/24;;10.0.0.1;;invalid IPv4 address [option=--address, value=10.0.0, reason=expected four",
                "server.local/24;;;;invalid IPv4 address [option=--address, value=server.local",
                "10.0.0.5;;10.0.0.1;;address needs a prefix length 1..32 or --netmask [option=--address, value=10.0.0.5",
                "10.0.0.5/33;;;;address needs a prefix length",
                "10.0.0.5/24;255.255.255.0;;;give either a prefix length or a netmask",
                "10.0.0.5;255.0.255.0;;;invalid IPv4 address [option=--netmask, value=255.0.255.0, reason=not a netmask",
                "10.0.0.5/24;;10.0.1.1;;gateway is not another host of the interface's subnet [option=--gateway,"
                        + " value=10.0.1.1, subnet=10.0.0.0/24]",
                "10.0.0.5/24;;10.0.0.5;;gateway is not another host",
                "10.0.0.5/24;;10.0.0.01;;invalid IPv4 address [option=--gateway, value=10.0.0.01",
                "10.0.0.0/24;;;;address is the network or broadcast address of its subnet",
                "10.0.0.255/24;;;;address is the network or broadcast address of its subnet",
                "10.0.0.5/24;;;8.8.8;invalid IPv4 address [option=--dns, value=8.8.8",
            })
    void givenABadOption_whenGenerating_thenTheErrorNamesTheOption(
            String address, String netmask, String gateway, String dns, String expected) {
        NicOptions options = new NicOptions(address, netmask, gateway, dns == null ? List.of() : List.of(dns));

        ConfigGenException e = assertThrows(ConfigGenException.class, () -> generate(options));

        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void givenNoAddress_whenGeneratingNic_thenTheErrorSaysWhatIsMissing() {
        ConfigGenException e = assertThrows(
                ConfigGenException.class,
                () -> Fixtures.generator(Fixtures.defaults())
                        .generate(Target.NIC, new GenerationOptions("eth0", true, true, null)));

        assertEquals("network interface needs an address [option=--address, example=10.0.0.5/24]", e.getMessage());
    }

    @Test
    void givenABadInterfaceName_whenGenerating_thenItIsRejected() {
        ConfigGenException e =
                assertThrows(ConfigGenException.class, () -> generator.generate("eth0; rm -rf /", Fixtures.MANUAL_NIC));

        assertTrue(e.getMessage().startsWith("invalid interface name [option=--interface"), e.getMessage());
    }

    private String generate(NicOptions options) throws ConfigGenException {
        return generator.generate("eth0", options).get(0).content();
    }
}
