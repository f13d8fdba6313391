// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.cli;

import io.qss.dat.tools.send.SendOutcome;
import io.qss.dat.tools.send.TransferReport;
import io.qss.dat.tools.send.UpmuSender;
import io.qss.dat.tools.send.UpmuSenderOptions;
import io.qss.dat.tools.send.UpmuSenders;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code qss-dat send}: the device side of the transfer protocol. */
final class SendCommand implements Command {
    @Override
    public String name() {
        return "send";
    }

    @Override
    public String summary() {
        return "send files to a receiver as a uPMU does (TCP, port 1883 by default)";
    }

    @Override
    public String help() {
        return """
                Usage: qss-dat send --to HOST:PORT --serial S [--max-attempts N] [--ack-timeout SECONDS]
                                    FILE|DIR...

                Sends every .dat file with the uPMU transfer protocol over one connection, one file in
                flight: 16-byte header (sendid, path length, serial length, data length; uint32 LE),
                path and serial zero-padded to a multiple of 4, raw data; then waits for the 4-byte
                ack (the echoed sendid). A DIR is walked recursively and its files sent in sorted
                order under their path relative to DIR (as a device sends YYYY/MM/DD/HH/name.dat); a
                FILE is sent under its bare name. A file that is not acknowledged is retried with
                reconnects and doubling backoff (0.5 s to 10 s) up to --max-attempts (default 10)
                and then reported. Progress (files, bytes, rate) goes to stderr.
                Exit code 1 when any file was not acknowledged.
                """;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Args parsed = Args.parse(args, Set.of(), Set.of("--to", "--serial", "--max-attempts", "--ack-timeout"));
        Args.HostPort to = Args.hostPort(parsed.require("--to"));
        String serial = parsed.require("--serial");
        if (parsed.positional().isEmpty()) {
            throw new UsageException("expected at least one FILE or DIR");
        }
        UpmuSenderOptions options = UpmuSenderOptions.of(to.host(), to.port(), serial)
                .withAckTimeout(Duration.ofSeconds(parsed.longValue("--ack-timeout", 60, 1)));
        options = options.withRetries(
                (int) parsed.longValue("--max-attempts", 10, 1), options.initialBackoff(), options.maxBackoff());
        List<Path> roots = parsed.positional().stream().map(Path::of).toList();
        ProgressBar progress = new ProgressBar(err);
        TransferReport report;
        try (UpmuSender sender = UpmuSenders.sender(options)) {
            report = sender.sendAll(roots, progress);
        } finally {
            progress.finish();
        }
        out.println("sent " + report.acked() + "/" + report.files() + " files, " + report.ackedBytes()
                + " bytes acknowledged");
        for (SendOutcome failure : report.failures()) {
            err.println("failed: " + failure.failure());
        }
        return report.isComplete() ? QssDatMain.EXIT_OK : QssDatMain.EXIT_FAILURE;
    }
}
