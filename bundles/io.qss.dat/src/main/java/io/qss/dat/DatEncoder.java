// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

import java.io.IOException;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Writes records byte for byte in the uPMU layout: base (6312 bytes) or extended (9192 bytes) as the status words
 * say, so that {@link DatDecoder} gives back exactly the same fields. Stateless and thread-safe.
 */
@ProviderType
public interface DatEncoder {

    /** Encoded size of {@code record}: 9192 if its status words mark it extended, else 6312. */
    int sizeOf(DatRecordData record);

    /**
     * Encodes {@code record} into {@code dst} at {@code offset} and returns the bytes written. Throws
     * IllegalArgumentException when arrays are missing or not 120 long, or dst is too small.
     */
    int encode(DatRecordData record, byte[] dst, int offset);

    /** Encodes {@code record} into a new array. */
    default byte[] encode(DatRecordData record) {
        byte[] out = new byte[sizeOf(record)];
        encode(record, out, 0);
        return out;
    }

    /**
     * Encodes {@code record} onto {@code out}; the caller owns and closes the stream.
     *
     * @throws IOException when writing fails
     */
    default void write(DatRecordData record, OutputStream out) throws IOException {
        out.write(encode(record));
    }
}
