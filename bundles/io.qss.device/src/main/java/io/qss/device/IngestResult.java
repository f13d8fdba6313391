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
 */
public record IngestResult(long samples, long firstTime, long lastTime, List<String> warnings) {

    public IngestResult {
        warnings = List.copyOf(warnings);
    }
}
