// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

import java.io.InputStream;
import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Streaming decoder of uPMU {@code .dat} data. It walks the input record by record (extended detection is per
 * record), hands each valid record to a {@link DatRecordHandler} as a reused view and reports per-record problems
 * as {@link DatError}s without stopping. It never throws an unchecked exception on malformed input. Instances are
 * immutable and thread-safe; each call uses its own buffers.
 */
@ProviderType
public interface DatDecoder {

    /**
     * Decodes a file, reading it once through a small buffer (the file is never loaded whole).
     *
     * @throws DatException when the file cannot be opened or read
     */
    DatSummary decode(Path file, DatRecordHandler handler) throws DatException;

    /** Decodes {@code length} bytes of {@code data} from {@code offset} in place; {@code source} names it in errors. */
    DatSummary decode(byte[] data, int offset, int length, String source, DatRecordHandler handler);

    /** Decodes a whole byte array in place. */
    default DatSummary decode(byte[] data, String source, DatRecordHandler handler) {
        return decode(data, 0, data.length, source, handler);
    }

    /**
     * Decodes a stream until its end through a small buffer; the caller keeps ownership of the stream.
     *
     * @throws DatException when reading fails
     */
    DatSummary decode(InputStream in, String source, DatRecordHandler handler) throws DatException;

    /**
     * Decodes a file into per-stream columns.
     *
     * @throws DatException when the file cannot be opened or read
     */
    DatColumns decodeColumns(Path file) throws DatException;

    /** Decodes a whole byte array into per-stream columns. */
    DatColumns decodeColumns(byte[] data, String source);
}
