// SPDX-License-Identifier: Apache-2.0
package io.qss.api.rest.internal;

import io.qss.store.api.TimeSeriesStore;
import java.util.UUID;

/**
 * Parsing of BTrDB 3.x request values (UUIDs, times, units, versions) with its exact error texts. Stateless.
 */
final class TimeUnits {

    private TimeUnits() {}

    /** Nanoseconds per unit; an empty or missing unit is milliseconds. */
    static long divisor(String unit) throws RestException {
        String u = unit == null ? "" : unit;
        return switch (u) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "", "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            default -> throw RestException.badRequest("unitoftime must be 'ns', 'ms', 'us' or 's'");
        };
    }

    /** The canonical or {@code urn:uuid:} form. */
    static UUID uuid(String text) throws RestException {
        String t = text == null ? "" : text;
        if (t.startsWith("urn:uuid:")) {
            t = t.substring("urn:uuid:".length());
        }
        if (t.length() != 36
                || t.charAt(8) != '-'
                || t.charAt(13) != '-'
                || t.charAt(18) != '-'
                || t.charAt(23) != '-') {
            throw RestException.badRequest("malformed uuid");
        }
        try {
            return UUID.fromString(t);
        } catch (IllegalArgumentException e) {
            throw RestException.badRequest("malformed uuid");
        }
    }

    /** A time parameter in its unit: base-10 int64 within [MIN_TIME, MAX_TIME); {@code which} is "start" or "end". */
    static long time(String text, String which) throws RestException {
        long value;
        try {
            value = Long.parseLong(text == null ? "" : text);
        } catch (NumberFormatException e) {
            throw RestException.badRequest("bad " + which + " time: malformed");
        }
        if (value < TimeSeriesStore.MIN_TIME || value >= TimeSeriesStore.MAX_TIME) {
            throw RestException.badRequest("bad " + which + " time: out of acceptable range");
        }
        return value;
    }

    /** Scales a time given in units of {@code divisor} ns to ns, checking it lies strictly inside the time range. */
    static long scale(long value, long divisor, String which) throws RestException {
        if (value <= TimeSeriesStore.MIN_TIME / divisor || value >= TimeSeriesStore.MAX_TIME / divisor) {
            throw RestException.badRequest(which + " time out of bounds");
        }
        return value * divisor;
    }

    /** The {@code ver} parameter: absent or empty is 0 (latest). */
    static long version(String text) throws RestException {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw RestException.badRequest(
                    "malformed version: strconv.ParseUint: parsing \"" + text + "\": invalid syntax");
        }
    }
}
