// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final Report.Figure INGEST = new Report.Figure("ingest", "ingest", "points/s", true);
    private static final Report.Figure WINDOWS = new Report.Figure("windows", "windows", "ms", false);

    @Test
    void ratioIsQssOverPeerWhenHigherIsBetterAndPeerOverQssOtherwise() {
        assertEquals(2.0, Report.ratio(INGEST, 4e6, 2e6));
        assertEquals(10.0, Report.ratio(WINDOWS, 5.0, 50.0));
        assertTrue(Double.isNaN(Report.ratio(WINDOWS, 5.0, null)));
        assertTrue(Double.isNaN(Report.ratio(WINDOWS, 0.0, 3.0)));
    }

    @Test
    void printsValuesAndOneRatioLinePerFigureAndPeer() {
        Report report = new Report(List.of("qss", "questdb", "influxdb"));
        report.put(INGEST, "qss", 3_000_000);
        report.put(INGEST, "questdb", 1_500_000);
        report.put(INGEST, "influxdb", 600_000);
        report.put(WINDOWS, "qss", 12.5);
        report.put(WINDOWS, "questdb", 1340);
        List<String> lines = report.keyValues();
        assertEquals(
                List.of(
                        "ingest_qss=3000000",
                        "ingest_questdb=1500000",
                        "ingest_influxdb=600000",
                        "windows_qss=12.5",
                        "windows_questdb=1340",
                        "ingest_ratio_questdb=2.00",
                        "ingest_ratio_influxdb=5.00",
                        "windows_ratio_questdb=107.20"),
                lines);
    }

    @Test
    void tableHasAColumnPerSystemAndPerRatioWithDashesForGaps() {
        Report report = new Report(List.of("qss", "victoriametrics"));
        report.put(WINDOWS, "qss", 0.5);
        report.note("victoriametrics", "no fsync");
        List<String> lines = report.lines();
        assertTrue(lines.get(0).contains("qss/victoriametrics"), lines.get(0));
        assertTrue(lines.get(1).startsWith("windows (ms)"), lines.get(1));
        assertTrue(lines.get(1).contains("0.500"), lines.get(1));
        assertTrue(lines.get(1).trim().endsWith("-"), lines.get(1));
        assertEquals("  victoriametrics: no fsync", lines.get(2));
    }

    @Test
    void numbersKeepThreeSignificantDigitsWithoutExponent() {
        assertEquals("1234567", Report.number(1_234_567.4));
        assertEquals("12.3", Report.number(12.345));
        assertEquals("2.38", Report.number(2.384));
        assertEquals("0.0123", Report.number(0.01234));
        assertEquals("-", Report.number(null));
    }
}
