// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the records of one decode call, in input order, on the decoding thread. Exceptions thrown by the
 * handler propagate out of the decode call unchanged.
 */
@ConsumerType
@FunctionalInterface
public interface DatRecordHandler {

    /** One valid record; the view is reused and valid only during this call. */
    void onRecord(DatRecord record);

    /** A per-record problem (truncated tail, rejected header, resynchronisation); decoding continues. */
    default void onError(DatError error) {}
}
