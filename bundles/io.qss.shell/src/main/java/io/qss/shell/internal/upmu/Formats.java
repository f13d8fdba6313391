// SPDX-License-Identifier: Apache-2.0
package io.qss.shell.internal.upmu;

import io.qss.registry.DeviceChange;
import io.qss.sync.RefusedFile;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Parsing and printing shared by the upmu commands. Stateless. */
final class Formats {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Formats() {}

    /** The manual's optional {@code ext} argument: true/ext/extended/yes/1 mean extended, false/base/no/0 base. */
    static boolean parseExtended(String text) {
        if (text == null) {
            return false;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "ext", "extended", "yes", "1" -> true;
            case "false", "base", "no", "0" -> false;
            default ->
                throw new IllegalArgumentException(
                        "extended flag not understood [value=" + text + ", expected=true|false]");
        };
    }

    static String time(Instant t) {
        return t == null ? "never" : UTC.format(t);
    }

    static String nanos(long ns) {
        return UTC.format(Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L)));
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
                throw new IllegalArgumentException(
                        "time not understood [value=" + text + ", expected=epoch ns or 2026-11-27T22:00:00Z]", e2);
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
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** One line per device change: {@code + add}, {@code - remove}, {@code ~ change} with what changes. */
    static String changes(List<DeviceChange> changes) {
        StringBuilder out = new StringBuilder();
        for (DeviceChange c : changes) {
            String sign = switch (c.kind()) {
                case ADDED -> "+ add    ";
                case REMOVED -> "- remove ";
                case CHANGED -> "~ change ";
            };
            out.append(sign)
                    .append(c.alias())
                    .append(" [serial=")
                    .append(c.serial())
                    .append(']');
            if (!c.details().isEmpty()) {
                out.append(": ").append(String.join("; ", c.details()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The files an import refused, as a table: file, the serial its path names, the serial asked, why. */
    static String refusals(List<RefusedFile> refused) {
        if (refused.isEmpty()) {
            return "";
        }
        Table table = new Table("file", "names serial", "serial asked", "reason");
        for (RefusedFile r : refused) {
            table.row(r.path(), dash(r.namedSerial()), dash(r.askedSerial()), r.reason());
        }
        return "refused (left in place, nothing imported from them):\n" + table.render();
    }

    private static String dash(String text) {
        return text.isEmpty() ? "-" : text;
    }
}
