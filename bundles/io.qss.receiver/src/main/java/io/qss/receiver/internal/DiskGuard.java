// SPDX-License-Identifier: Apache-2.0
package io.qss.receiver.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Refuses new data once the data volume is {@code limitPercent} full, and accepts again by itself once space is
 * freed. Probes the volume at most every {@link #CHECK_MILLIS} ms. Thread-safe.
 */
final class DiskGuard {

    static final long CHECK_MILLIS = 500;

    private final DoubleSupplier usedPercentProbe;
    private volatile double limitPercent;
    private final LongSupplier clock;
    private volatile long checkedAt = Long.MIN_VALUE / 2;
    private volatile double usedPercent;

    DiskGuard(DoubleSupplier usedPercentProbe, double limitPercent, LongSupplier clock) {
        this.usedPercentProbe = usedPercentProbe;
        this.limitPercent = limitPercent;
        this.clock = clock;
    }

    /** A probe of the volume holding {@code dir}: used percent; 100 when the volume cannot be read. */
    static DoubleSupplier volumeProbe(Path dir) throws IOException {
        FileStore volume = Files.getFileStore(dir);
        return () -> {
            try {
                long total = volume.getTotalSpace();
                return total == 0 ? 0 : 100.0 * (total - volume.getUsableSpace()) / total;
            } catch (IOException e) {
                return 100;
            }
        };
    }

    /** Whether new data is accepted now. */
    boolean isAccepting() {
        long now = clock.getAsLong();
        if (now - checkedAt >= CHECK_MILLIS) {
            checkedAt = now;
            usedPercent = usedPercentProbe.getAsDouble();
        }
        return usedPercent < limitPercent;
    }

    /** Applies a new limit from the next check on (a configuration change). */
    void limitPercent(double percent) {
        limitPercent = percent;
    }

    /** Volume use at the last probe, percent. */
    double usedPercent() {
        return usedPercent;
    }
}
