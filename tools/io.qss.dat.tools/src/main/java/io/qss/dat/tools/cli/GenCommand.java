// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.cli;

import io.qss.dat.DatFormat;
import io.qss.dat.tools.sim.SyntheticDat;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** {@code qss-dat gen}: synthetic minute files laid out as a device keeps them. */
final class GenCommand implements Command {
    @Override
    public String name() {
        return "gen";
    }

    @Override
    public String summary() {
        return "generate synthetic minute files in a device's directory layout";
    }

    @Override
    public String help() {
        return """
                Usage: qss-dat gen --serial S --start TIME --minutes N [--extended] [--seed N] --out DIR

                Writes N one-minute files (60 one-second records each) of realistic synthetic data:
                ~7.2 kV line-to-neutral, tens to hundreds of A, three phases 120 deg apart, frequency
                drifting around 60 Hz, noise and occasional voltage sags. --extended adds the six
                extended streams (status word 0x21 instead of 1). The same --seed (default 1) gives
                byte-identical files. TIME is ISO-8601 UTC (2026-01-01T00:00:00Z), cut to whole seconds.
                Files go to DIR/YYYY/MM/DD/HH/<serial>_<YYYYMMDD>_<HHMMSS>.dat (UTC of the first
                record), so names sort chronologically.
                """;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Args parsed =
                Args.parse(args, Set.of("--extended"), Set.of("--serial", "--start", "--minutes", "--seed", "--out"));
        if (!parsed.positional().isEmpty()) {
            throw new UsageException(
                    "unexpected argument [argument=" + parsed.positional().get(0) + "]");
        }
        String serial = parsed.require("--serial");
        long start = Times.parseEpochSecond("--start", parsed.require("--start"));
        long minutes = parsed.longValue("--minutes", -1, 1);
        if (minutes < 0) {
            throw new UsageException("missing required option [option=--minutes]");
        }
        Path outDir = Path.of(parsed.require("--out"));
        SyntheticDat generator = SyntheticDats.generator(
                SyntheticDatOptions.of(parsed.longValue("--seed", 1, Long.MIN_VALUE), parsed.has("--extended")));
        long bytes = 0;
        for (long minute = 0; minute < minutes; minute++) {
            long fileStart = start + minute * 60;
            Path file = outDir.resolve(SyntheticDat.relativePath(serial, fileStart));
            Files.createDirectories(file.getParent());
            byte[] data = generator.generateFile(fileStart, 60);
            Files.write(file, data);
            bytes += data.length;
        }
        out.println("wrote " + minutes + " files, " + bytes + " bytes, " + minutes * 60 + " records of "
                + DatFormat.SAMPLES_PER_RECORD + " samples under " + outDir);
        return QssDatMain.EXIT_OK;
    }
}
