// SPDX-License-Identifier: Apache-2.0
package io.qss.configgen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultRouteTest {

    @TempDir
    Path dir;

    @Test
    void givenARouteTableWithADefaultRoute_whenDetecting_thenItsInterfaceIsChosen() throws Exception {
        Path table = dir.resolve("route");
        Files.writeString(table, """
                Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
                eno1\t0010A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
                eno1\t00000000\t0110A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0
                """);

        assertEquals("eno1", DefaultRoute.interfaceName(table));
    }

    @Test
    void givenNoRouteTable_whenDetecting_thenEth0IsTheAnswer() {
        assertEquals("eth0", DefaultRoute.interfaceName(dir.resolve("missing")));
    }
}
