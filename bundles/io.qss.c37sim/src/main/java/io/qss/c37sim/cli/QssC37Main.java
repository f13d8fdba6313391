// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** Entry point of the {@code qss-c37} tool: {@code simulate} and {@code replay}. */
public final class QssC37Main {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private static final List<Verb> VERBS = List.of(new SimulateVerb(), new ReplayVerb());

    private QssC37Main() {}

    public static void main(String[] args) {
        StopSignal stop = new StopSignal();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(
                () -> {
                    stop.stop();
                    try {
                        main.join(15_000); // let the verb close its sockets and print its last line
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "qss-c37-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = run(args, System.out, System.err, stop);
        System.out.flush();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            return; // already shutting down (Ctrl-C): the JVM exits on its own
        }
        System.exit(code);
    }

    /** Runs the tool without exiting the JVM; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, StopSignal stop) {
        if (args.length == 0) {
            err.print(overview());
            return EXIT_USAGE;
        }
        if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(overview());
            return EXIT_OK;
        }
        Verb verb =
                VERBS.stream().filter(v -> v.name().equals(args[0])).findFirst().orElse(null);
        if (verb == null) {
            err.println("qss-c37: unknown verb [verb=" + args[0] + "]; try qss-c37 --help");
            return EXIT_USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            out.print(verb.help());
            return EXIT_OK;
        }
        try {
            return verb.run(rest, out, err, stop);
        } catch (UsageException e) {
            err.println("qss-c37 " + verb.name() + ": " + e.getMessage() + "; try qss-c37 " + verb.name() + " --help");
            return EXIT_USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("qss-c37 " + verb.name() + ": interrupted");
            return EXIT_FAILURE;
        } catch (Exception e) {
            err.println("qss-c37 " + verb.name() + ": " + describe(e));
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
                qss-c37: IEEE C37.118 PMU/PDC simulator and capture replayer

                Usage: qss-c37 <verb> [options] ...   (qss-c37 <verb> --help for details)

                Verbs:
                """);
        for (Verb verb : VERBS) {
            text.append(String.format("  %-9s %s%n", verb.name(), verb.summary()));
        }
        text.append("\nExit codes: 0 success, 1 failure (port taken, unreadable capture), 2 usage error.\n");
        return text.toString();
    }
}
