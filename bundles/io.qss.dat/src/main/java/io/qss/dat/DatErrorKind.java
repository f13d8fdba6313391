// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

/** What kind of per-record problem a {@link DatError} reports. */
public enum DatErrorKind {
    /** The input ends inside a record; the partial record is dropped. */
    TRUNCATED,
    /** A complete record with an impossible header was skipped using its stride. */
    BAD_HEADER,
    /** The header was so broken that the decoder scanned forward for the next plausible record. */
    RESYNC
}
