// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.internal.codec;

import io.qss.dat.DatColumns;
import io.qss.dat.DatDecodeOptions;
import io.qss.dat.DatDecoder;
import io.qss.dat.DatException;
import io.qss.dat.DatFormat;
import io.qss.dat.DatRecordHandler;
import io.qss.dat.DatSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** The {@link DatDecoder}: immutable, each call walks its input with its own {@link RecordWalker}. */
public final class DatDecoderImpl implements DatDecoder {
    /** Stream buffer: large enough for many records per read, small enough to stay in cache. */
    private static final int STREAM_BUFFER_BYTES = 256 * 1024;

    private final DatDecodeOptions options;

    public DatDecoderImpl(DatDecodeOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public DatSummary decode(Path file, DatRecordHandler handler) throws DatException {
        try (InputStream in = Files.newInputStream(file)) {
            return decode(in, nameOf(file), handler);
        } catch (IOException e) {
            throw new DatException("cannot read .dat file [file=" + file + "]", e);
        }
    }

    @Override
    public DatSummary decode(byte[] data, int offset, int length, String source, DatRecordHandler handler) {
        Objects.checkFromIndexSize(offset, length, data.length);
        try {
            return new RecordWalker(options, source, handler).walk(ByteInput.of(data, offset, length));
        } catch (IOException e) {
            throw new UncheckedIOException("array input cannot fail [file=" + source + "]", e);
        }
    }

    @Override
    public DatSummary decode(InputStream in, String source, DatRecordHandler handler) throws DatException {
        try {
            return new RecordWalker(options, source, handler).walk(ByteInput.of(in, STREAM_BUFFER_BYTES));
        } catch (IOException e) {
            throw new DatException("cannot read .dat stream [file=" + source + "]", e);
        }
    }

    @Override
    public DatColumns decodeColumns(Path file) throws DatException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new DatException("cannot read .dat file [file=" + file + "]", e);
        }
        ColumnCollector collector = new ColumnCollector(expectedRecords(size));
        return collector.columns(decode(file, collector));
    }

    @Override
    public DatColumns decodeColumns(byte[] data, String source) {
        ColumnCollector collector = new ColumnCollector(expectedRecords(data.length));
        return collector.columns(decode(data, source, collector));
    }

    private static int expectedRecords(long bytes) {
        return (int) Math.min(1 << 20, bytes / DatFormat.BASE_RECORD_BYTES);
    }

    private static String nameOf(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
