// SPDX-License-Identifier: Apache-2.0
package io.qss.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store in a JVM with a 128 MiB heap is offered far more than its commits follow (thousands of streams, a minute
 * of 120 Hz points per insert, as fast as it takes them): the buffers stay within their budget, no OutOfMemoryError
 * ends it, the backlog drains once the load stops, and every acknowledged point is there after a reopen. Without the
 * budget the buffers would hold every point of the last commit age, here a few hundred MiB.
 */
class OverloadTest {

    @TempDir
    Path dir;

    @Test
    void givenSmallHeap_whenOfferedFarMoreThanCommitsFollow_thenBoundedNothingLostAndDrained() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-Xmx128m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-cp",
                        System.getProperty("java.class.path"),
                        OverloadChild.class.getName(),
                        dir.toString(),
                        "2000",
                        "6",
                        "12000")
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println("overload child: " + line);
                lines.add(line);
            }
        }
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child did not end");
        assertEquals(0, p.exitValue(), "child failed (3 = OutOfMemoryError): " + lines);
        long budget = figure(lines, "BUDGET ");
        long offered = figure(lines, "OFFERED ");
        String peak = line(lines, "PEAK ");
        long peakBudget = Long.parseLong(peak.replaceAll(".*budget=(\\d+).*", "$1"));
        assertTrue(offered * 16 > 4 * budget, "offered too little to test the budget: " + offered + " points");
        // an insert's batch is counted as buffered a moment before its reservation is given back
        long inFlight = 6 * BufferBudget.bytesOf(OverloadChild.BATCH);
        assertTrue(peakBudget <= budget + inFlight, "buffers exceeded their budget: " + peakBudget + " > " + budget);
        assertTrue(lines.contains("COUNTS OK"), "points lost or duplicated: " + lines);
        assertTrue(figure(lines, "DRAINED ") < 60_000, "backlog did not drain in time");
    }

    private static String line(List<String> lines, String prefix) {
        return lines.stream()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("child printed no " + prefix.trim() + ": " + lines));
    }

    private static long figure(List<String> lines, String prefix) {
        return Long.parseLong(line(lines, prefix).substring(prefix.length()).trim());
    }
}
