// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.configgen.FileRoot;
import io.qss.configgen.GeneratedFile;
import io.qss.configgen.ServedPort;
import io.qss.configgen.Target;
import io.qss.configgen.WrittenFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigReportTest {

    @Test
    void givenWrittenFiles_whenReporting_thenEachLineSaysWhatHappenedToAFile() {
        String report = ConfigReport.written(List.of(
                new WrittenFile(Path.of("/out/etc/shorewall/rules"), null, true),
                new WrittenFile(Path.of("/out/etc/shorewall/zones"), Path.of("/out/etc/shorewall/zones.bak"), true),
                new WrittenFile(Path.of("/out/etc/default/apcupsd"), null, false)));

        assertEquals("""
                wrote     /out/etc/shorewall/rules
                wrote     /out/etc/shorewall/zones (previous kept as /out/etc/shorewall/zones.bak)
                unchanged /out/etc/default/apcupsd
                """, report);
    }

    @Test
    void givenServedPorts_whenReporting_thenEachPortShowsWhereItCameFrom() {
        String report =
                ConfigReport.ports(List.of(new ServedPort(1883, "receiver", "io.qss.receiver port (default)")), true);

        assertTrue(report.contains(" 1883  receiver"), report);
        assertTrue(report.contains("io.qss.receiver port (default)"), report);
        assertTrue(report.contains("   22  SSH"), report);
    }

    @Test
    void givenShorewallFilesNotApplied_whenReportingNextSteps_thenTheCheckCommandNamesTheOutputDirectory() {
        List<GeneratedFile> files =
                List.of(new GeneratedFile(Target.SHOREWALL, FileRoot.SYSTEM, "etc/shorewall/rules", "x\n"));

        String next = ConfigReport.nextSteps(files, Path.of("/out"), false);

        assertTrue(next.contains("shorewall check /out/etc/shorewall"), next);
        assertTrue(next.contains("--apply"), next);
    }

    @Test
    void givenNoInterfaceOption_whenReporting_thenTheDefaultRouteInterfaceIsNamed() {
        assertEquals(
                "interface: eno1 (of the default route; --interface NAME to choose)\n",
                ConfigReport.interfaceLine(null, "eno1"));
        assertEquals("interface: enp3s0 (--interface)\n", ConfigReport.interfaceLine("enp3s0", "eno1"));
    }
}
