// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.cli;

import java.util.concurrent.atomic.AtomicLong;

/** Counters shared by all virtual devices; thread-safe. Rates cover the time since the previous report. */
final class SimulationStats {
    private final AtomicLong ackedFiles = new AtomicLong();
    private final AtomicLong failedFiles = new AtomicLong();
    private final AtomicLong points = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private long lastReportNanos = startNanos;
    private long lastPoints;
    private long lastFiles;

    void acked(long filePoints, long fileBytes) {
        ackedFiles.incrementAndGet();
        points.addAndGet(filePoints);
        bytes.addAndGet(fileBytes);
    }

    void failed() {
        failedFiles.incrementAndGet();
    }

    long failedFiles() {
        return failedFiles.get();
    }

    /** A progress line; called from one reporting thread. */
    synchronized String report() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastReportNanos) / 1e9);
        long files = ackedFiles.get();
        long totalPoints = points.get();
        String line = String.format(
                "t=%.0fs acked=%d files (%.1f files/s) points=%d (%.0f points/s) failed=%d",
                (now - startNanos) / 1e9,
                files,
                (files - lastFiles) / seconds,
                totalPoints,
                (totalPoints - lastPoints) / seconds,
                failedFiles.get());
        lastReportNanos = now;
        lastFiles = files;
        lastPoints = totalPoints;
        return line;
    }

    String summary() {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        return String.format(
                "%d files acked, %d failed, %d points, %.1f MB in %.1f s (%.0f points/s)",
                ackedFiles.get(), failedFiles.get(), points.get(), bytes.get() / 1e6, seconds, points.get() / seconds);
    }
}
