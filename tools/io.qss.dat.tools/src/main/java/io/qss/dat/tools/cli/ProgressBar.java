// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.cli;

import io.qss.dat.tools.send.SendOutcome;
import io.qss.dat.tools.send.TransferListener;
import java.io.PrintStream;

/** A one-line progress bar (files, bytes, rate) redrawn on stderr at most five times a second. */
final class ProgressBar implements TransferListener {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream err;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos = Long.MIN_VALUE;
    private boolean isDrawn;

    ProgressBar(PrintStream err) {
        this.err = err;
    }

    @Override
    public void fileDone(SendOutcome outcome, int filesDone, int filesTotal, long bytesDone, long bytesTotal) {
        if (!outcome.isAcked()) {
            clearLine();
            err.println("not acknowledged: " + outcome.failure());
        }
        long now = System.nanoTime();
        if (now - lastDrawNanos >= REDRAW_NANOS || filesDone == filesTotal) {
            lastDrawNanos = now;
            draw(filesDone, filesTotal, bytesDone, bytesTotal, now);
        }
    }

    /** Ends the bar's line. */
    void finish() {
        if (isDrawn) {
            err.println();
        }
    }

    private void draw(int filesDone, int filesTotal, long bytesDone, long bytesTotal, long now) {
        int filled = bytesTotal == 0 ? WIDTH : (int) (WIDTH * bytesDone / bytesTotal);
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        err.printf(
                "\r[%s] %d/%d files  %.1f/%.1f MB  %.1f MB/s ",
                bar, filesDone, filesTotal, bytesDone / 1e6, bytesTotal / 1e6, bytesDone / 1e6 / seconds);
        err.flush();
        isDrawn = true;
    }

    private void clearLine() {
        if (isDrawn) {
            err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
        }
    }
}
