// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeersOptionsTest {

    @Test
    void defaultsRunEverySystemOnSixHoursAndSevenDays() {
        PeersOptions o = PeersOptions.parse();
        assertEquals(Path.of("/tmp/qss-peers"), o.dir());
        assertEquals(6, o.hours());
        assertEquals(7, o.days());
        assertEquals(PeersOptions.ALL_SYSTEMS, o.systems());
        assertEquals(List.of("questdb", "questdb_sync", "influxdb", "victoriametrics"), o.peers());
        assertFalse(o.dropCaches());
        assertEquals(null, o.receiver());
    }

    @Test
    void readsTheRunningDistributionForTheReceiverFigure() {
        PeersOptions o = PeersOptions.parse("--qss-home", "/opt/qss", "--receiver", "10.0.0.5:2883");
        assertEquals(
                new ReceiverIngest.Target(Path.of("/opt/qss"), "10.0.0.5", 2883, "http://127.0.0.1:9000"),
                o.receiver());
        assertEquals(
                1883, PeersOptions.parse("--qss-home", "/opt/qss").receiver().port());
    }

    @Test
    void readsValuesAndFlagsAndOrdersSystemsQssFirst() {
        PeersOptions o = PeersOptions.parse(
                "--days",
                "30",
                "--drop-caches",
                "--systems",
                "influxdb,qss",
                "--dir",
                "/data/b",
                "--threads",
                "4",
                "--repeats",
                "3",
                "--hours",
                "2");
        assertEquals(30, o.days());
        assertTrue(o.dropCaches());
        assertEquals(List.of("qss", "influxdb"), o.systems());
        assertEquals(Path.of("/data/b"), o.dir());
        assertEquals(4, o.threads());
        assertEquals(3, o.repeats());
        assertEquals(2, o.hours());
    }

    @Test
    void refusesWhatItCannotRun() {
        assertFault("option=--days, value=x", "--days", "x");
        assertFault("option=--days, value=0", "--days", "0");
        assertFault("arg=--bogus", "--bogus", "1");
        assertFault("arg=--days", "--days");
        assertFault("system=mongodb", "--systems", "qss,mongodb");
        assertFault("the ratios need qss", "--systems", "influxdb");
        assertFault("need --qss-home", "--receiver", "127.0.0.1:1883");
        assertFault("value=127.0.0.1:x", "--qss-home", "/opt/qss", "--receiver", "127.0.0.1:x");
    }

    private static void assertFault(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeersOptions.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
