// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** {@code qss-dat simulate}: N virtual uPMUs sending a minute file each, in real time or flat out. */
final class SimulateCommand implements Command {
    private static final long REPORT_SECONDS = 5;

    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String summary() {
        return "run N virtual uPMUs that generate and send a file per minute";
    }

    @Override
    public String help() {
        return """
                Usage: qss-dat simulate --to HOST:PORT --devices N [--extended-every K]
                                        [--speed realtime|max] [--minutes M] [--start TIME] [--seed N]

                Starts N virtual uPMUs with serials P3500000, P3500001, ... Each generates one-minute
                files of synthetic data (see qss-dat gen) and sends them over its own connection with
                the transfer protocol, under the path a device would use
                (YYYY/MM/DD/HH/<serial>_<YYYYMMDD>_<HHMMSS>.dat).
                  --extended-every K  every K-th device (devices K-1, 2K-1, ...) sends extended records
                  --speed realtime    one file per device per wall-clock minute (default)
                  --speed max         the next file as soon as the previous one is acknowledged
                  --minutes M         stop after M minutes of data per device (default: run until killed)
                  --start TIME        time of the first record, ISO-8601 UTC (default: the last complete
                                      minute for realtime, the current minute for max)
                Every 5 s prints acknowledged files and points per second (points = samples x streams).
                Exit code 1 when a file could not be delivered after retries.
                """;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Args parsed = Args.parse(
                args,
                Set.of(),
                Set.of("--to", "--devices", "--extended-every", "--speed", "--minutes", "--start", "--seed"));
        if (!parsed.positional().isEmpty()) {
            throw new UsageException(
                    "unexpected argument [argument=" + parsed.positional().get(0) + "]");
        }
        Args.HostPort to = Args.hostPort(parsed.require("--to"));
        int devices = (int) parsed.longValue("--devices", -1, 1);
        if (devices < 0) {
            throw new UsageException("missing required option [option=--devices]");
        }
        long extendedEvery = parsed.longValue("--extended-every", 0, 0);
        String speed = parsed.get("--speed", "realtime");
        if (!speed.equals("realtime") && !speed.equals("max")) {
            throw new UsageException("expected realtime or max [option=--speed, value=" + speed + "]");
        }
        long minutes = parsed.longValue("--minutes", Long.MAX_VALUE, 1);
        long nowMinute = Instant.now().getEpochSecond() / 60 * 60;
        // In real time a device sends a minute once it is over, so by default start with the last complete minute.
        long defaultStart = speed.equals("realtime") ? nowMinute - 60 : nowMinute;
        long start =
                parsed.has("--start") ? Times.parseEpochSecond("--start", parsed.get("--start", "")) : defaultStart;
        long seed = parsed.longValue("--seed", 1, Long.MIN_VALUE);
        SimulationStats stats = new SimulationStats();
        List<VirtualDevice> fleet = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            boolean isExtended = extendedEvery > 0 && (i + 1) % extendedEvery == 0;
            fleet.add(new VirtualDevice(i, isExtended, to, start, minutes, speed.equals("realtime"), seed, stats));
        }
        out.println("simulating " + devices + " uPMUs -> " + to.host() + ":" + to.port() + " (speed=" + speed
                + ", minutes=" + (minutes == Long.MAX_VALUE ? "unbounded" : minutes) + ", start="
                + Instant.ofEpochSecond(start) + ")");
        return runFleet(fleet, stats, out, err);
    }

    private static int runFleet(List<VirtualDevice> fleet, SimulationStats stats, PrintStream out, PrintStream err)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(fleet.size());
        List<Future<?>> running = new ArrayList<>();
        for (VirtualDevice device : fleet) {
            running.add(pool.submit(device));
        }
        pool.shutdown();
        while (!pool.awaitTermination(REPORT_SECONDS, TimeUnit.SECONDS)) {
            out.println(stats.report());
        }
        boolean isFailed = false;
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                err.println("device failed: " + e.getCause());
                isFailed = true;
            }
        }
        out.println(stats.report());
        out.println("done: " + stats.summary());
        return isFailed || stats.failedFiles() > 0 ? QssDatMain.EXIT_FAILURE : QssDatMain.EXIT_OK;
    }
}
