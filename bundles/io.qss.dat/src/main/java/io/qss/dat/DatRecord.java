// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A read-only view of one decoded one-second record. The decoder reuses one view for every record, so the view
 * is valid only during {@link DatRecordHandler#onRecord}; call {@link #toData()} to keep a copy. Not thread-safe.
 * Accessors read the stored bytes directly and never allocate.
 */
@ProviderType
public interface DatRecord {

    /** Source name used in error messages (file name or caller-given label); never null. */
    String source();

    /** Zero-based index of this record in the input, counting rejected records too. */
    long index();

    /** Byte offset of this record in the input. */
    long offset();

    /** Whether this is an extended record (19 streams, 9192 bytes) rather than a base one (13, 6312 bytes). */
    boolean isExtended();

    /** Encoded size in bytes: 6312 or 9192. */
    int sizeBytes();

    /** The stored float32 sample interval in milliseconds (nominally 1000/120). */
    float intervalMillis();

    /** The stored timestamp fields of sample 0. Allocates; not for per-sample use. */
    DatTimestamp timestamp();

    /** Time of sample 0, Unix epoch nanoseconds (UTC). */
    long startNanos();

    /** Time of sample {@code i} (0-119): start + round(i * interval_ms * 1e6), Unix epoch nanoseconds. */
    long timeNanos(int i);

    /**
     * Value of sample {@code i} (0-119) of {@code stream}: the stored float32 widened to double, or the status word
     * for LSTATE. Throws IllegalArgumentException for an extended stream of a base record.
     */
    double value(DatStream stream, int i);

    /** The stored float32 of sample {@code i} of a measurement stream (not LSTATE). */
    float floatValue(DatStream stream, int i);

    /** The status word (LSTATE) of sample {@code i}. */
    int status(int i);

    /** Copies the 120 sample times (epoch ns) into {@code dst} from {@code offset}. */
    void copyTimes(long[] dst, int offset);

    /** Copies the 120 values of {@code stream}, widened to double, into {@code dst} from {@code offset}. */
    void copyValues(DatStream stream, double[] dst, int offset);

    /** Copies the 120 stored float32 values of a measurement stream into {@code dst} from {@code offset}. */
    void copyFloats(DatStream stream, float[] dst, int offset);

    /** The PLL debug block. Allocates; not for per-sample use. */
    PllStats pll();

    /** The GPS debug block. Allocates; not for per-sample use. */
    GpsStats gps();

    /** A detached copy of this record (fresh arrays), suitable for {@link DatEncoder}. */
    DatRecordData toData();
}
