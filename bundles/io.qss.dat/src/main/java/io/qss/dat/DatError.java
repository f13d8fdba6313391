// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

/**
 * A per-record decoding problem; decoding continued past it.
 *
 * @param kind    what went wrong
 * @param source  file name or caller-given label
 * @param record  zero-based index of the record concerned
 * @param offset  byte offset of the record concerned
 * @param message {@code what failed [key=value, ...]}, naming file, record and offset
 */
public record DatError(DatErrorKind kind, String source, long record, long offset, String message) {
    @Override
    public String toString() {
        return message;
    }
}
