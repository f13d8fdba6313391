// SPDX-License-Identifier: Apache-2.0
package io.qss.device;

import java.util.List;

/**
 * What one ingest call delivered. Immutable.
 *
 * @param samples samples appended, over all streams
 * @param firstTime time of the earliest sample, epoch ns; {@code Long.MIN_VALUE} when none
 * @param lastTime time of the latest sample, epoch ns; {@code Long.MIN_VALUE} when none
 * @param warnings problems that did not stop the ingest (skipped records, dropped streams); never null
 * @param configMismatch how the input disagrees with the device's configuration and what the operator should change
 *     (e.g. a device configured without streams its files carry); empty when it agrees; never null
 */
public record IngestResult(long samples, long firstTime, long lastTime, List<String> warnings, String configMismatch) {

    public IngestResult {
        warnings = List.copyOf(warnings);
        configMismatch = configMismatch == null ? "" : configMismatch;
    }

    /** A result whose input agrees with the device's configuration. */
    public IngestResult(long samples, long firstTime, long lastTime, List<String> warnings) {
        this(samples, firstTime, lastTime, warnings, "");
    }
}
