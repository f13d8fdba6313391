// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.c37;

import io.qss.c37sim.frame.DataFormat;
import io.qss.c37sim.server.PmuSimulator;
import io.qss.c37sim.server.SimulatorGroup;
import io.qss.c37sim.server.SimulatorOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;

/**
 * What the C37.118 simulator costs per second: it runs {@code --pmus} PMUs at {@code --rate} frames/s in this JVM,
 * on {@code --threads} sender threads, one {@link DiscardingReaders} connection per PMU, and after {@code --warmup} seconds measures {@code --seconds}
 * of the simulator's threads' CPU (and the kernel's share of it: the socket writes), the readers' CPU, the send lag
 * (tick time to the tick's last frame handed to the sockets), the ticks skipped and the frames sent.
 * <pre>
 * java -cp bench/target/qss-bench.jar:bench/target/lib/* io.qss.bench.c37.SimulatorCostMain \
 *     --pmus 1000 --rate 60 --seconds 30 [--warmup 10] [--format int|float] [--threads 1]
 * </pre>
 */
public final class SimulatorCostMain {
    private static final String SERVER_THREAD_PREFIX = "qss-c37-server";

    private SimulatorCostMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = C37BenchMain.options(args);
        int pmus = C37BenchMain.intOption(o, "pmus", 1000);
        int rate = C37BenchMain.intOption(o, "rate", 60);
        int seconds = C37BenchMain.intOption(o, "seconds", 30);
        int warmup = C37BenchMain.intOption(o, "warmup", 10);
        DataFormat format =
                o.getOrDefault("format", "int").equals("float") ? DataFormat.FLOAT_POLAR : DataFormat.INT_POLAR;
        SimulatorOptions options = new SimulatorOptions(
                pmus,
                rate,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                format,
                0,
                null,
                4,
                2,
                1,
                1,
                2,
                1_000_000,
                60,
                1,
                0);
        int threads = C37BenchMain.intOption(o, "threads", 1);
        try (SimulatorGroup simulator = SimulatorGroup.start(options, threads, System.err);
                DiscardingReaders readers = new DiscardingReaders(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), simulator.port()),
                        C37BenchMain.streamIdcodes(pmus, 0, 1))) {
            Thread.sleep(warmup * 1000L);
            simulator.resetSendLag();
            Snapshot before = Snapshot.take(simulator, readers);
            Thread.sleep(seconds * 1000L);
            Snapshot after = Snapshot.take(simulator, readers);
            print(pmus, rate, threads, format, before, after, simulator.stats());
        }
    }

    /** Counters at one instant. */
    private record Snapshot(
            long nanos,
            long serverCpuNanos,
            long serverUserNanos,
            long readerCpuNanos,
            long frames,
            long skipped,
            long bytes) {

        static Snapshot take(SimulatorGroup simulator, DiscardingReaders readers) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long serverCpu = 0;
            long serverUser = 0;
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith(SERVER_THREAD_PREFIX)) {
                    serverCpu += threads.getThreadCpuTime(info.getThreadId());
                    serverUser += threads.getThreadUserTime(info.getThreadId());
                }
            }
            PmuSimulator.Stats stats = simulator.stats();
            return new Snapshot(
                    System.nanoTime(),
                    serverCpu,
                    serverUser,
                    threads.getThreadCpuTime(readers.threadId()),
                    stats.dataFramesSent(),
                    stats.ticksSkipped(),
                    readers.bytesRead());
        }
    }

    private static void print(
            int pmus,
            int rate,
            int threads,
            DataFormat format,
            Snapshot before,
            Snapshot after,
            PmuSimulator.Stats stats) {
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        long serverCpu = after.serverCpuNanos() - before.serverCpuNanos();
        long serverUser = after.serverUserNanos() - before.serverUserNanos();
        long frames = after.frames() - before.frames();
        System.out.printf(
                Locale.ROOT,
                "c37 simulator cost: pmus=%d rate=%d threads=%d format=%s seconds=%.1f: simulator CPU %.0f ms/s (%.2f us/frame,"
                        + " %.0f %% in the kernel), readers CPU %.0f ms/s, frames %.0f/s (%d due), read %.1f MB/s,"
                        + " send lag ms p50=%d p99=%d max=%d, thread-ticks %d, skipped %d%n",
                pmus,
                rate,
                threads,
                format.isPhasorFloat() ? "float" : "int",
                seconds,
                serverCpu / 1e6 / seconds,
                serverCpu / 1e3 / Math.max(1, frames),
                100.0 * (serverCpu - serverUser) / Math.max(1, serverCpu),
                (after.readerCpuNanos() - before.readerCpuNanos()) / 1e6 / seconds,
                frames / seconds,
                pmus * rate,
                (after.bytes() - before.bytes()) / 1e6 / seconds,
                stats.sendLag().percentile(0.5),
                stats.sendLag().percentile(0.99),
                stats.sendLag().percentile(1.0),
                stats.sendLag().count(),
                after.skipped() - before.skipped());
    }
}
