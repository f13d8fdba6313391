// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** Entry point of the {@code qss-dat} tool: {@code info}, {@code csv}, {@code gen}, {@code send}, {@code simulate}. */
public final class QssDatMain {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private static final List<Command> COMMANDS =
            List.of(new InfoCommand(), new CsvCommand(), new GenCommand(), new SendCommand(), new SimulateCommand());

    private QssDatMain() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs the tool without exiting the JVM; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(overview());
            return EXIT_USAGE;
        }
        if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(overview());
            return EXIT_OK;
        }
        Command command = COMMANDS.stream()
                .filter(c -> c.name().equals(args[0]))
                .findFirst()
                .orElse(null);
        if (command == null) {
            err.println("qss-dat: unknown verb [verb=" + args[0] + "]; try qss-dat --help");
            return EXIT_USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            out.print(command.help());
            return EXIT_OK;
        }
        try {
            return command.run(rest, out, err);
        } catch (UsageException e) {
            err.println("qss-dat " + command.name() + ": " + e.getMessage() + "; try qss-dat " + command.name()
                    + " --help");
            return EXIT_USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("qss-dat " + command.name() + ": interrupted");
            return EXIT_FAILURE;
        } catch (Exception e) {
            err.println("qss-dat " + command.name() + ": " + describe(e));
            return EXIT_FAILURE;
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append("\n  caused by: ").append(cause);
        }
        return text.toString();
    }

    private static String overview() {
        StringBuilder text = new StringBuilder("""
                qss-dat: inspect, convert, generate and send uPMU .dat files

                Usage: qss-dat <verb> [options] ...   (qss-dat <verb> --help for details)

                Verbs:
                """);
        for (Command command : COMMANDS) {
            text.append(String.format("  %-9s %s%n", command.name(), command.summary()));
        }
        text.append("\nExit codes: 0 success, 1 failure (bad data, unreachable receiver), 2 usage error.\n");
        return text.toString();
    }
}
