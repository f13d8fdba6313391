// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.cli;

import io.qss.dat.DatCodecs;
import io.qss.dat.DatDecodeOptions;
import io.qss.dat.DatDecoder;
import io.qss.dat.DatError;
import io.qss.dat.DatRecord;
import io.qss.dat.DatRecordHandler;
import io.qss.dat.DatSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code qss-dat info FILE...}: records, kind, time span, gaps and errors per file. */
final class InfoCommand implements Command {
    private static final int MAX_GAPS_LISTED = 20;

    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "summarise files: records, base/extended, time span, gaps, errors";
    }

    @Override
    public String help() {
        return """
                Usage: qss-dat info [--min-year Y] [--max-year Y] FILE...

                For each FILE prints its size, record counts (base/extended/mixed), the time of the
                first and last sample (UTC), the span, gaps (records more than one second apart) and
                every per-record error. Records whose year is outside --min-year..--max-year
                (default 2000..2100) are rejected. Exit code 1 when any file has errors or cannot be read.
                """;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Args parsed = Args.parse(args, Set.of(), Set.of("--min-year", "--max-year"));
        if (parsed.positional().isEmpty()) {
            throw new UsageException("expected at least one FILE");
        }
        DatDecoder decoder = DatCodecs.decoder(window(parsed));
        int code = QssDatMain.EXIT_OK;
        for (String file : parsed.positional()) {
            GapTracker gaps = new GapTracker();
            DatSummary summary = decoder.decode(Path.of(file), gaps);
            print(file, summary, gaps, out);
            code = summary.isClean() ? code : QssDatMain.EXIT_FAILURE;
        }
        return code;
    }

    static DatDecodeOptions window(Args parsed) throws UsageException {
        long min = parsed.longValue("--min-year", DatDecodeOptions.DEFAULTS.minYear(), Integer.MIN_VALUE);
        long max = parsed.longValue("--max-year", DatDecodeOptions.DEFAULTS.maxYear(), min);
        return new DatDecodeOptions((int) min, (int) max);
    }

    private static void print(String file, DatSummary summary, GapTracker gaps, PrintStream out) {
        long base = summary.records() - summary.extendedRecords();
        String kind = summary.records() == 0
                ? "empty"
                : base == 0 ? "extended" : summary.extendedRecords() == 0 ? "base" : "mixed";
        out.println(file + ":");
        out.println("  bytes:   " + summary.bytes());
        out.println("  records: " + summary.records() + " (" + kind + ": " + base + " base, "
                + summary.extendedRecords() + " extended)");
        if (summary.records() > 0) {
            out.println("  first:   " + instant(summary.firstNanos()));
            out.println("  last:    " + instant(summary.lastNanos()));
            out.printf("  span:    %.3f s%n", (summary.lastNanos() - summary.firstNanos()) / 1e9);
        }
        out.println("  gaps:    " + gaps.gaps.size()
                + (gaps.gaps.isEmpty() ? "" : " (" + gaps.missingSeconds + " s missing)"));
        gaps.gaps.stream().limit(MAX_GAPS_LISTED).forEach(gap -> out.println("    " + gap));
        out.println("  errors:  " + summary.errors().size());
        for (DatError error : summary.errors()) {
            out.println("    " + error.message());
        }
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** Notes where consecutive valid records are more than one second apart. */
    private static final class GapTracker implements DatRecordHandler {
        private final List<String> gaps = new ArrayList<>();
        private long missingSeconds;
        private long previousStart = Long.MIN_VALUE;

        @Override
        public void onRecord(DatRecord record) {
            long start = record.startNanos();
            if (previousStart != Long.MIN_VALUE && start - previousStart > 1_000_000_000L) {
                long missing = (start - previousStart) / 1_000_000_000L - 1;
                missingSeconds += missing;
                gaps.add("gap after " + instant(previousStart) + ": next record " + instant(start) + " (" + missing
                        + " s missing, record=" + record.index() + ", offset=" + record.offset() + ")");
            }
            previousStart = start;
        }
    }
}
