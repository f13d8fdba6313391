// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parsing of the tool's ISO-8601 UTC times. */
final class Times {
    private Times() {}

    /** Epoch second of {@code text}: an instant ({@code 2026-01-01T00:00:00Z}) or a local date-time taken as UTC. */
    static long parseEpochSecond(String option, String text) throws UsageException {
        try {
            return Instant.parse(text).getEpochSecond();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw new UsageException("expected ISO-8601 UTC time such as 2026-01-01T00:00:00Z [option=" + option
                        + ", value=" + text + "]");
            }
        }
    }
}
