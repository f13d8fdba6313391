// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.migrate;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A progress line for a long step, printed at most once a second and at the end as a new line each (the console
 * script shows output through a file, where carriage returns would pile up):
 * {@code files [#####---------------]  25%  2500/10000  120.4 files/s  ETA 0:01:02}. The rate counts this run's
 * work only, so a resumed run's ETA is not fooled by what earlier runs did. Not thread-safe.
 */
final class ProgressBar {

    /** Makes the bar of one step. */
    @FunctionalInterface
    interface Factory {
        ProgressBar create(String what, long total);
    }

    private static final int WIDTH = 20;
    private static final long PERIOD = 1_000_000_000L;

    private final PrintStream out;
    private final String what;
    private final long total;
    private final LongSupplier nanoClock;
    private final long started;
    private long lastPrinted;

    ProgressBar(PrintStream out, String what, long total, LongSupplier nanoClock) {
        this.out = out;
        this.what = what;
        this.total = total;
        this.nanoClock = nanoClock;
        this.started = nanoClock.getAsLong();
        this.lastPrinted = started;
    }

    /** {@code done} of the total handled; prints when a second passed since the last line. */
    void step(long done) {
        long now = nanoClock.getAsLong();
        if (now - lastPrinted >= PERIOD) {
            out.println(line(done, now));
            lastPrinted = now;
        }
    }

    /** Prints the final line. */
    void finish(long done) {
        out.println(line(done, nanoClock.getAsLong()));
    }

    /** Items per second since the start. */
    double rate(long done, long now) {
        double seconds = (now - started) / 1e9;
        return seconds <= 0 ? 0 : done / seconds;
    }

    String line(long done, long now) {
        int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / total);
        long percent = total <= 0 ? 100 : Math.min(100, done * 100 / total);
        double rate = rate(done, now);
        String eta = rate <= 0 || total <= done ? "-" : duration((long) ((total - done) / rate));
        return String.format(
                "%s [%s%s] %3d%%  %d/%d  %.1f %s/s  ETA %s",
                what, "#".repeat(filled), "-".repeat(WIDTH - filled), percent, done, total, rate, what, eta);
    }

    static String duration(long seconds) {
        return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
