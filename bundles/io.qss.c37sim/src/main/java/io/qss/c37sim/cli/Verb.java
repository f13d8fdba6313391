// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.cli;

import java.io.PrintStream;

/** One verb of the qss-c37 tool. */
interface Verb {
    String name();

    String summary();

    String help();

    /** Runs the verb; returns the exit code. */
    int run(String[] args, PrintStream out, PrintStream err, StopSignal stop) throws Exception;
}
