// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.cli;

import io.qss.dat.DatCodecs;
import io.qss.dat.DatColumns;
import io.qss.dat.DatError;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/** {@code qss-dat csv FILE}: one row per sample on stdout. */
final class CsvCommand implements Command {
    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String summary() {
        return "print a file as CSV, one row per sample";
    }

    @Override
    public String help() {
        return """
                Usage: qss-dat csv [--min-year Y] [--max-year Y] FILE

                Prints FILE as CSV on stdout: header Time[ns],L1MAG,...,LSTATE (13 streams), plus
                FUND_W,...,FREQ_L1_C37 when the file has extended records (19 streams). One row per
                sample; times are Unix epoch nanoseconds (UTC). Values print so that parsing them as
                float32 gives back the exact stored value; LSTATE prints as an integer. In a file
                mixing base and extended records, extended cells of base records are empty.
                Per-record errors go to stderr and make the exit code 1; valid rows are still printed.
                """;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Args parsed = Args.parse(args, Set.of(), Set.of("--min-year", "--max-year"));
        if (parsed.positional().size() != 1) {
            throw new UsageException(
                    "expected exactly one FILE [given=" + parsed.positional().size() + "]");
        }
        DatColumns columns = DatCodecs.decoder(InfoCommand.window(parsed))
                .decodeColumns(Path.of(parsed.positional().get(0)));
        Writer writer = out == System.out
                ? new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.US_ASCII)
                : new OutputStreamWriter(out, StandardCharsets.US_ASCII);
        Writer buffered = new BufferedWriter(writer, 1 << 16);
        CsvWriter.write(columns, buffered);
        buffered.flush();
        for (DatError error : columns.summary().errors()) {
            err.println(error.message());
        }
        return columns.summary().isClean() ? QssDatMain.EXIT_OK : QssDatMain.EXIT_FAILURE;
    }
}
