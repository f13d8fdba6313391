// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parsing and printing shared by the upmu commands. Stateless. */
final class Formats {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** The manual's optional {@code ext} argument: true/ext/extended/yes/1 mean extended, false/base/no/0 base. */
    static boolean parseExtended(String text) {
        if (text == null) {
            return false;
        }
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "ext", "extended", "yes", "1" -> true;
            case "false", "base", "no", "0" -> false;
            default -> throw new IllegalArgumentException("extended flag not understood [value=" + text
                    + ", expected=true|false]");
        };
    }

    static String time(Instant t) {
        return t == null ? "never" : UTC.format(t);
    }

    static String nanos(long ns) {
        return UTC.format(Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns,
                1_000_000_000L)));
    }

    /** Epoch nanoseconds, or an ISO-8601 instant such as {@code 2026-11-27T22:00:00Z}. */
    static long parseTime(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            try {
                Instant t = Instant.parse(text);
                return t.getEpochSecond() * 1_000_000_000L + t.getNano();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("time not understood [value=" + text
                        + ", expected=epoch ns or 2026-11-27T22:00:00Z]", e2);
            }
        }
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
