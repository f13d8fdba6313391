// SPDX-License-Identifier: Apache-2.0
package io.qss.ups.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * apcupsd's status, as its status file, {@code apcaccess status} and the network server give it: one
 * {@code KEY      : value} line per item (the key padded to nine characters), e.g. {@code BCHARGE  : 100.0 Percent}.
 * Immutable.
 *
 * @param values every item by key, in the server's order; values trimmed
 */
record ApcStatus(Map<String, String> values) {

    private static final Pattern NUMBER = Pattern.compile("^-?\\d+(\\.\\d+)?");

    ApcStatus {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Parses status lines; lines without a {@code :} separator (none in apcupsd's output) are ignored. */
    static ApcStatus parse(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                values.put(
                        line.substring(0, colon).trim(),
                        line.substring(colon + 1).trim());
            }
        }
        return new ApcStatus(values);
    }

    /** The status flags, e.g. {@code [ONLINE]} or {@code [ONBATT, LOWBATT]}; empty when apcupsd gave none. */
    Set<String> flags() {
        String status = values.getOrDefault("STATUS", "").trim();
        return status.isEmpty() ? Set.of() : new LinkedHashSet<>(List.of(status.split("\\s+")));
    }

    /** The UPS model ({@code MODEL}, else {@code APCMODEL}), or empty. */
    String model() {
        return values.getOrDefault("MODEL", values.getOrDefault("APCMODEL", ""));
    }

    /** {@code BCHARGE} in percent. */
    Optional<Double> batteryChargePercent() {
        return number("BCHARGE");
    }

    /** {@code TIMELEFT}: estimated runtime on battery, in minutes. */
    Optional<Double> timeLeftMinutes() {
        return number("TIMELEFT");
    }

    /** {@code LOADPCT}: load in percent of the UPS's capacity. */
    Optional<Double> loadPercent() {
        return number("LOADPCT");
    }

    /** {@code LINEV}: input line voltage in volts. */
    Optional<Double> lineVoltage() {
        return number("LINEV");
    }

    /** The leading number of a value such as {@code 133.4 Minutes}; empty when absent or not a number. */
    private Optional<Double> number(String key) {
        Matcher m = NUMBER.matcher(values.getOrDefault(key, ""));
        return m.find() ? Optional.of(Double.parseDouble(m.group())) : Optional.empty();
    }
}
