// SPDX-License-Identifier: Apache-2.0
package io.qss.plotter.internal;

import java.util.Locale;

/** The data-usage gauge's text, {@code "<n>% used (<used> of <total>)"}, with binary-prefixed sizes. Stateless. */
final class UsageText {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private UsageText() {}

    static String of(long usedBytes, long totalBytes) {
        long percent = totalBytes <= 0 ? 0 : Math.round(100.0 * usedBytes / totalBytes);
        return percent + "% used (" + size(usedBytes) + " of " + size(totalBytes) + ")";
    }

    static String size(long bytes) {
        double value = Math.max(0, bytes);
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? (long) value + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
