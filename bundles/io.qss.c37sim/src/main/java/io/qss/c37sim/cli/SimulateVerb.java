// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.cli;

import io.qss.c37sim.frame.DataFormat;
import io.qss.c37sim.server.PmuSimulator;
import io.qss.c37sim.server.SimulatorGroup;
import io.qss.c37sim.server.SimulatorOptions;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.Locale;

/** {@code qss-c37 simulate}: PMUs or a PDC on a TCP port (and UDP), until stopped. */
final class SimulateVerb implements Verb {

    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String summary() {
        return "simulated PMUs or a PDC answering on a TCP port (and streaming over UDP)";
    }

    @Override
    public String help() {
        return """
                Usage: qss-c37 simulate [options]

                Simulated IEEE C37.118 PMUs serving clients on one TCP port. A client sends command frames
                (send CFG-2, CFG-1 or header, turn transmission on/off) with the IDCODE of the PMU it wants: each PMU
                is its own data stream with its own IDCODE on the same port (--idcode-base, +1, +2, ...). With --pdc
                all PMUs are blocks of one PDC stream whose IDCODE is --idcode-base (its PMUs follow it); with
                --pdc-size K, of PDC streams of K PMUs, each PDC's IDCODE followed by its PMUs'.
                Data frames go out at --rate frames/s, aligned to the second, with real-looking values from a seeded
                model (60 Hz phasors drifting with the frequency, currents, analogs, one digital word).

                Options:
                  --pmus N              PMUs to simulate (default 1)
                  --rate R              frames per second, 1..240 (default 60)
                  --port P              TCP port to listen on (default 4712; 0 = any free port)
                  --host H              address to listen on (default all interfaces)
                  --format int|float    16-bit integer or 32-bit float phasors, FREQ/DFREQ and analogs (default int)
                  --polar | --rect      phasors as magnitude/angle (default) or real/imaginary
                  --pdc                 one PDC stream of all PMUs instead of one stream per PMU
                  --pdc-size K          PDC streams of up to K PMUs each (a CFG-2 must fit 65,535 bytes:
                                        at most 159 PMUs of the default layout)
                  --udp HOST:PORT       also send every stream's data spontaneously to HOST:PORT over UDP
                                        (a CFG-2 first and every minute, then data frames)
                  --phasors N           phasors per PMU (default 4: VA VB VC IA)
                  --analogs N           analogs per PMU (default 2)
                  --digitals N          digital status words per PMU (default 1)
                  --idcode-base N       IDCODE of the first stream (default 1)
                  --version 1|2         frame version: 1 = C37.118-2005, 2 = C37.118.2-2011 (default 2)
                  --time-base N         TIME_BASE, FRACSEC units per second (default 1000000)
                  --fnom 50|60          nominal frequency (default 60)
                  --seed N              seed of the signal model (default 1)
                  --cfg-change-every S  change the configuration every S seconds: CFGCNT + 1 and STAT bit 10 set
                                        in data frames for min(60, S/2) seconds after (default 0 = never)
                  --stats S             print a progress line every S seconds (default 10; 0 = never)
                  --duration S          stop after S seconds (default: run until Ctrl-C)
                  --threads N           sender threads sharing the port, each serving its share of the clients
                                        (default 1; more when one core cannot send every frame on time)

                Ctrl-C stops cleanly: connections are closed, a final progress line is printed.
                """;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err, StopSignal stop) throws Exception {
        Parsed parsed = parse(args);
        SimulatorOptions options = parsed.options;
        try (SimulatorGroup server = SimulatorGroup.start(options, parsed.threads, err)) {
            out.printf(
                    Locale.ROOT,
                    "qss-c37 simulate: %d PMU(s)%s at %d frames/s, %s, port %d, IDCODE %d..%d%s%s%n",
                    options.pmus(),
                    options.isPdc() ? " in " + options.pdcStreams() + " PDC stream(s)" : "",
                    options.rate(),
                    describe(options),
                    server.port(),
                    options.idcodeBase(),
                    options.idcodeBase() + options.pmus() + options.pdcStreams() - 1,
                    options.udpTarget() == null ? "" : ", UDP to " + options.udpTarget(),
                    server.threads() == 1 ? "" : ", " + server.threads() + " sender threads");
            out.flush();
            long started = System.nanoTime();
            long cpuStarted = ProgressLine.processCpuNanos();
            long deadline =
                    parsed.durationSeconds > 0 ? started + parsed.durationSeconds * 1_000_000_000L : Long.MAX_VALUE;
            ProgressLine progress = new ProgressLine(server::stats, started, cpuStarted);
            long statsMillis = parsed.statsSeconds > 0 ? parsed.statsSeconds * 1000L : 1000L;
            while (!stop.await(Math.min(statsMillis, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)))) {
                if (System.nanoTime() >= deadline) {
                    break;
                }
                if (parsed.statsSeconds > 0) {
                    out.println(progress.line());
                    out.flush();
                }
            }
            out.println(progress.line());
        }
        return 0;
    }

    private static String describe(SimulatorOptions options) {
        DataFormat format = options.format();
        return (format.isPhasorFloat() ? "float" : "int") + " " + (format.isPolar() ? "polar" : "rect") + ", "
                + options.phasors() + " phasors, " + options.analogs() + " analogs, " + options.digitals()
                + " digital word(s), version " + options.version();
    }

    private record Parsed(SimulatorOptions options, int statsSeconds, int durationSeconds, int threads) {}

    static SimulatorOptions options(String[] args) throws UsageException {
        return parse(args).options;
    }

    private static Parsed parse(String[] args) throws UsageException {
        SimulatorOptions d = SimulatorOptions.defaults();
        int pmus = d.pmus();
        int rate = d.rate();
        int port = d.listen().getPort();
        String host = null;
        boolean isFloat = false;
        boolean isPolar = true;
        boolean isPdc = false;
        int pdcSize = 0;
        InetSocketAddress udp = null;
        int phasors = d.phasors();
        int analogs = d.analogs();
        int digitals = d.digitals();
        int idcodeBase = d.idcodeBase();
        int version = d.version();
        int timeBase = d.timeBase();
        int fnom = d.fnom();
        long seed = d.seed();
        int cfgChange = 0;
        int stats = 10;
        int duration = 0;
        int threads = 1;
        Arguments a = new Arguments(args);
        while (a.hasNext()) {
            String option = a.next();
            switch (option) {
                case "--pmus" -> pmus = a.intValue(option, 1, 65000);
                case "--rate" -> rate = a.intValue(option, 1, 240);
                case "--port" -> port = a.intValue(option, 0, 65535);
                case "--host" -> host = a.value(option);
                case "--format" -> isFloat = floatFormat(a.value(option));
                case "--polar" -> isPolar = true;
                case "--rect" -> isPolar = false;
                case "--pdc" -> isPdc = true;
                case "--pdc-size" -> pdcSize = a.intValue(option, 1, 65000);
                case "--udp" -> udp = a.address(option);
                case "--phasors" -> phasors = a.intValue(option, 0, 64);
                case "--analogs" -> analogs = a.intValue(option, 0, 64);
                case "--digitals" -> digitals = a.intValue(option, 0, 16);
                case "--idcode-base" -> idcodeBase = a.intValue(option, 1, 65534);
                case "--version" -> version = a.intValue(option, 1, 2);
                case "--time-base" -> timeBase = a.intValue(option, 1, 0xFFFFFF);
                case "--fnom" -> fnom = fnom(a.intValue(option, 50, 60));
                case "--seed" -> seed = a.intValue(option, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case "--cfg-change-every" -> cfgChange = a.intValue(option, 0, 86_400);
                case "--stats" -> stats = a.intValue(option, 0, 86_400);
                case "--duration" -> duration = a.intValue(option, 0, Integer.MAX_VALUE);
                case "--threads" -> threads = a.intValue(option, 1, 64);
                default -> throw new UsageException("unknown option [option=" + option + "]");
            }
        }
        InetSocketAddress listen = host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        DataFormat format = new DataFormat(isPolar, isFloat, isFloat, isFloat);
        try {
            SimulatorOptions options = new SimulatorOptions(
                    pmus,
                    rate,
                    listen,
                    format,
                    pdcSize > 0 ? pdcSize : isPdc ? pmus : 0,
                    udp,
                    phasors,
                    analogs,
                    digitals,
                    idcodeBase,
                    version,
                    timeBase,
                    fnom,
                    seed,
                    cfgChange);
            PmuSimulator.streamConfigs(options); // a frame too large for FRAMESIZE fails here, before binding
            return new Parsed(options, stats, duration, threads);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static boolean floatFormat(String value) throws UsageException {
        return switch (value) {
            case "int" -> false;
            case "float" -> true;
            default -> throw new UsageException("format must be int or float [format=" + value + "]");
        };
    }

    private static int fnom(int value) throws UsageException {
        if (value != 50 && value != 60) {
            throw new UsageException("nominal frequency must be 50 or 60 [fnom=" + value + "]");
        }
        return value;
    }
}
