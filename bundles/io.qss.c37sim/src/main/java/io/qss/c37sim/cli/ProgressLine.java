// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.cli;

import com.sun.management.OperatingSystemMXBean;
import io.qss.c37sim.server.PmuSimulator;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.Supplier;

/** The simulator's progress line: clients, achieved data frames/s since the last line, drops and CPU use. */
final class ProgressLine {
    private final Supplier<PmuSimulator.Stats> simulator;
    private long lastNanos;
    private long lastCpuNanos;
    private long lastFrames;

    ProgressLine(Supplier<PmuSimulator.Stats> simulator, long startNanos, long startCpuNanos) {
        this.simulator = simulator;
        this.lastNanos = startNanos;
        this.lastCpuNanos = startCpuNanos;
    }

    String line() {
        PmuSimulator.Stats stats = simulator.get();
        long now = System.nanoTime();
        long cpu = processCpuNanos();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        double framesPerSecond = (stats.dataFramesSent() - lastFrames) / seconds;
        double cpuPercent = cpu < 0 ? Double.NaN : 100.0 * (cpu - lastCpuNanos) / (now - lastNanos);
        lastNanos = now;
        lastCpuNanos = cpu;
        lastFrames = stats.dataFramesSent();
        return String.format(
                Locale.ROOT,
                "qss-c37: %d client(s), %d transmitting, %.0f data frames/s, %d sent, "
                        + "%d dropped, %d ticks skipped, CPU %.1f%% of one core",
                stats.clients(),
                stats.transmitting(),
                framesPerSecond,
                stats.dataFramesSent(),
                stats.framesDropped(),
                stats.ticksSkipped(),
                cpuPercent);
    }

    /** CPU time of this process, nanoseconds, or -1 when the JVM does not tell. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
