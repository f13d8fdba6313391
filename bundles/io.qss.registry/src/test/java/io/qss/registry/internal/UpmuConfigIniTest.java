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
        assertEquals(
                UUID.fromString("2ff1ad8c-7f44-11e4-8a5c-0026b97d6d0b"),
                d.streamUuids().get("L1MAG"));
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
        for (String s : List.of("L1MAG", "FUND_W", "FUND_VAR", "FUND_VA", "FUND_DPF", "FREQ_L1_1S", "FREQ_L1_C37")) {
            text.append("[[")
                    .append(s)
                    .append("]]\nuuid = ")
                    .append(UUID.randomUUID())
                    .append(" # comment\n");
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

    @Test
    void givenPathsInAnotherDomain_whenParsedAndWritten_thenCollectionAndPathsKept() throws Exception {
        String text = lbnlIni("/lbnl/uPMU1/L1MAG", "/lbnl/uPMU1/L1ANG");

        RegisteredDevice d = UpmuConfigIni.parse(text).get(0);

        assertEquals("lbnl/uPMU1", d.collection());
        assertEquals("/lbnl/uPMU1/L1ANG", d.path("L1ANG"));
        assertTrue(UpmuConfigIni.write(List.of(d)).contains("Path = /lbnl/uPMU1/L1MAG"));
    }

    @Test
    void givenNoPaths_whenParsed_thenDefaultCollection() throws Exception {
        RegisteredDevice d = UpmuConfigIni.parse("[1.2.3.4]\n%serial_number = P1\n%alias = a\n[[L1MAG]]\n" + "uuid = "
                        + UUID.randomUUID() + "\n")
                .get(0);

        assertEquals("upmu/a", d.collection());
        assertFalse(d.hasOwnCollection());
    }

    @Test
    void givenPathsOfTwoFolders_whenParsed_thenErrorNamesLineAndPath() {
        RegistryException e = assertThrows(
                RegistryException.class, () -> UpmuConfigIni.parse(lbnlIni("/lbnl/uPMU1/L1MAG", "/pge/uPMU1/L1ANG")));

        assertTrue(
                e.getMessage().contains("line=7") && e.getMessage().contains("Path=/pge/uPMU1/L1ANG"), e.getMessage());
    }

    @Test
    void givenPathNotEndingInStreamName_whenParsed_thenError() {
        RegistryException e = assertThrows(
                RegistryException.class,
                () -> UpmuConfigIni.parse(lbnlIni("/lbnl/uPMU1/voltage", "/lbnl/uPMU1/L1ANG")));

        assertTrue(e.getMessage().contains("Path=/lbnl/uPMU1/voltage"), e.getMessage());
    }

    private static String lbnlIni(String l1mag, String l1ang) {
        return "[10.0.0.9]\n%serial_number = P3000001\n%alias = uPMU_1\n[[L1MAG]]\nuuid = " + UUID.randomUUID()
                + "\nPath = " + l1mag + "\n[[L1ANG]]\nuuid = " + UUID.randomUUID() + "\nPath = " + l1ang + "\n";
    }
}
