// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.internal.codec;

import io.qss.dat.DatDecodeOptions;
import io.qss.dat.DatError;
import io.qss.dat.DatErrorKind;
import io.qss.dat.DatFormat;
import io.qss.dat.DatRecordHandler;
import io.qss.dat.DatSummary;
import io.qss.dat.DatTimestamp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks one input record by record. Every step consumes at least one byte, so any input terminates; a record's
 * stride comes from its own status words, and a header too broken to trust triggers a forward scan for the next
 * plausible header.
 */
final class RecordWalker {
    private static final int BASE = DatFormat.BASE_RECORD_BYTES;
    private static final int EXTENDED = DatFormat.EXTENDED_RECORD_BYTES;

    private final HeaderCheck headerCheck;
    private final String source;
    private final DatRecordHandler handler;
    private final RecordView view;
    private final List<DatError> errors = new ArrayList<>();
    private long recordIndex;
    private long previousStartNanos = Long.MIN_VALUE;
    private long records;
    private long extendedRecords;
    private long firstNanos = Long.MIN_VALUE;
    private long lastNanos = Long.MIN_VALUE;

    RecordWalker(DatDecodeOptions options, String source, DatRecordHandler handler) {
        this.headerCheck = new HeaderCheck(options);
        this.source = source;
        this.handler = handler;
        this.view = new RecordView(source);
    }

    DatSummary walk(ByteInput in) throws IOException {
        long start = in.position();
        while (step(in)) {
            recordIndex++;
        }
        return new DatSummary(
                source, in.position() - start, records, extendedRecords, firstNanos, lastNanos, List.copyOf(errors));
    }

    private boolean step(ByteInput in) throws IOException {
        int have = in.ensure(BASE);
        if (have == 0) {
            return false;
        }
        int need = BASE;
        boolean isExtended = false;
        if (have >= DatLayout.STATUS_END) {
            isExtended = DatLayout.hasExtendedStatus(in.buf, in.pos);
            need = isExtended ? EXTENDED : BASE;
            have = in.ensure(need);
        }
        if (have < need) {
            report(DatErrorKind.TRUNCATED, in.position(), "truncated record", "have=" + have + ", need=" + need);
            in.advance(have);
            return false;
        }
        HeaderCheck.Problem problem = headerCheck.check(in.buf, in.pos);
        if (problem == null) {
            problem = deliverUnlessBackwards(in, isExtended);
        }
        if (problem == null || !problem.isMisaligned()) {
            if (problem != null) {
                report(
                        DatErrorKind.BAD_HEADER,
                        in.position(),
                        "record rejected: " + problem.what(),
                        problem.details() + ", size=" + need);
            }
            in.advance(need);
        } else {
            report(
                    DatErrorKind.BAD_HEADER,
                    in.position(),
                    "record rejected: header garbled, stride untrusted",
                    problem.details());
            resync(in);
        }
        return true;
    }

    private HeaderCheck.Problem deliverUnlessBackwards(ByteInput in, boolean isExtended) {
        int at = in.pos + DatLayout.TIMESTAMP_OFFSET;
        long day = DatTimestamp.epochDay(
                DatLayout.getInt(in.buf, at), DatLayout.getInt(in.buf, at + 4), DatLayout.getInt(in.buf, at + 8));
        long second = day * 86_400L
                + DatLayout.getInt(in.buf, at + 12) * 3_600L
                + DatLayout.getInt(in.buf, at + 16) * 60L
                + DatLayout.getInt(in.buf, at + 20);
        long startNanos = second * 1_000_000_000L;
        if (startNanos < previousStartNanos) {
            return new HeaderCheck.Problem(
                    "seconds went backwards",
                    "second=" + second + ", previousSecond=" + previousStartNanos / 1_000_000_000L,
                    false);
        }
        previousStartNanos = startNanos;
        view.bind(in.buf, in.pos, isExtended, recordIndex, in.position(), startNanos);
        records++;
        extendedRecords += isExtended ? 1 : 0;
        if (firstNanos == Long.MIN_VALUE) {
            firstNanos = startNanos;
        }
        lastNanos = view.timeNanos(DatFormat.SAMPLES_PER_RECORD - 1);
        handler.onRecord(view);
        return null;
    }

    /** Scans forward byte by byte for the next header that is plausible on its own (interval and date). */
    private void resync(ByteInput in) throws IOException {
        long from = in.position();
        in.advance(1);
        while (true) {
            int have = in.ensure(DatLayout.HEADER_BYTES);
            if (have < DatLayout.HEADER_BYTES) {
                in.advance(have);
                report(
                        DatErrorKind.RESYNC,
                        from,
                        "no further record header found",
                        "skipped=" + (in.position() - from));
                return;
            }
            if (headerCheck.isPlausible(in.buf, in.pos)) {
                report(
                        DatErrorKind.RESYNC,
                        from,
                        "resynchronised on next plausible header",
                        "skipped=" + (in.position() - from) + ", resumeOffset=" + in.position());
                return;
            }
            in.advance(1);
        }
    }

    private void report(DatErrorKind kind, long offset, String what, String details) {
        String message =
                what + " [file=" + source + ", record=" + recordIndex + ", offset=" + offset + ", " + details + "]";
        DatError error = new DatError(kind, source, recordIndex, offset, message);
        errors.add(error);
        handler.onError(error);
    }
}
