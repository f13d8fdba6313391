// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

import org.osgi.annotation.versioning.ProviderType;

/** Fixed facts of the uPMU {@code .dat} record layout (see docs/dat-format.md). */
@ProviderType
public interface DatFormat {
    /** Bytes of a base record. */
    int BASE_RECORD_BYTES = 6312;
    /** Bytes of the extension block that follows the base part of an extended record. */
    int EXTENSION_BYTES = 2880;
    /** Bytes of an extended record. */
    int EXTENDED_RECORD_BYTES = BASE_RECORD_BYTES + EXTENSION_BYTES;
    /** Samples per record (one second at 120 Hz). */
    int SAMPLES_PER_RECORD = 120;
    /** A record is extended when any of its status words has any of these bits set. */
    int EXTENDED_STATUS_MASK = 0xE0;
    /** The sample interval devices store, in milliseconds. */
    float NOMINAL_INTERVAL_MILLIS = 1000f / 120f;
}
