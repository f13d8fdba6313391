// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.cli;

import java.io.PrintStream;

/** One verb of qss-dat. */
interface Command {
    String name();

    /** One line for the tool's overview. */
    String summary();

    /** The verb's full --help text. */
    String help();

    /** Runs the verb; returns the exit code (0 ok, 1 failure). */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
