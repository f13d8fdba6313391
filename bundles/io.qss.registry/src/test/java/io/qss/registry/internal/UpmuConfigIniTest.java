// SPDX-License-Identifier: Apache-2.0
package io.qss.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.registry.RegisteredDevice;
import io.qss.registry.RegistryException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UpmuConfigIniTest {

    static String golden() throws Exception {
        try (InputStream in = UpmuConfigIniTest.class.getResourceAsStream("/upmuconfig-golden.ini")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void givenGoldenIni_whenParsedAndWritten_thenIdentical() throws Exception {
        List<RegisteredDevice> devices = UpmuConfigIni.parse(golden());

        assertEquals(golden(), UpmuConfigIni.write(devices));
    }

    @Test
    void givenGoldenIni_whenParsed_thenDeviceFieldsAndUuids() throws Exception {
        RegisteredDevice d = UpmuConfigIni.parse(golden()).get(0);

        assertEquals("10.0.0.5", d.ip());
        assertEquals("P3001035", d.serial());
        assertEquals("soda_b", d.alias());
        assertFalse(d.isExtended());
        assertEquals(UUID.fromString("2ff1ad8c-7f44-11e4-8a5c-0026b97d6d0b"), d.streamUuids().get("L1MAG"));
        assertEquals("uPMU", d.metadata().get("Metadata/SourceName"));
        assertEquals("P3001035", d.metadata().get("Metadata/Instrument/SerialNumber"));
    }

    @Test
    void givenQuickstartStyleIni_whenParsed_thenSuffixQuotesCommentsAndExtendedHandled() throws Exception {
        StringBuilder text = new StringBuilder("""
                # Quickstart configuration
                [?192.168.1.24%lab]
                %serial_number = "P3112233"
                %autounitpath = /upmu/lab/
                """);
        for (String s : List.of("L1MAG", "FUND_W", "FUND_VAR", "FUND_VA", "FUND_DPF", "FREQ_L1_1S",
                "FREQ_L1_C37")) {
            text.append("[[").append(s).append("]]\nuuid = ").append(UUID.randomUUID()).append(" # comment\n");
        }

        RegisteredDevice d = UpmuConfigIni.parse(text.toString()).get(0);

        assertEquals("192.168.1.24", d.ip());
        assertEquals("P3112233", d.serial());
        assertEquals("P3112233", d.alias());
        assertTrue(d.isExtended());
        assertEquals(7, d.streamUuids().size());
    }

    @Test
    void givenSectionWithoutSerial_whenParsed_thenErrorNamesLine() {
        RegistryException e = assertThrows(RegistryException.class, () -> UpmuConfigIni.parse("\n[1.2.3.4]\na = b\n"));

        assertTrue(e.getMessage().contains("line=2"), e.getMessage());
    }
}
