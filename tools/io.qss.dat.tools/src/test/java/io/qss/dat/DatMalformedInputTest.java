// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatMalformedInputTest {
    private static final int BASE = DatFormat.BASE_RECORD_BYTES;

    private final DatDecoder decoder = DatCodecs.decoder();

    @Test
    void givenTruncatedTail_whenDecoded_thenCompleteRecordsKeptAndTailReported() {
        byte[] data = Arrays.copyOf(TestData.file(1, false, 3), 2 * BASE + 1200);
        Result result = decode(data);
        assertEquals(2, result.summary.records());
        assertEquals(
                List.of("truncated record [file=a.dat, record=2, offset=12624, have=1200, need=6312]"),
                result.messages());
        assertEquals(DatErrorKind.TRUNCATED, result.summary.errors().get(0).kind());
        assertEquals(12624, result.summary.errors().get(0).offset());
        assertEquals(result.summary.errors(), result.callbackErrors);
    }

    @Test
    void givenTruncatedExtendedTail_whenStatusWordsReadable_thenNeedIsExtendedSize() {
        byte[] data = Arrays.copyOf(TestData.file(1, true, 2), 9192 + 7000);
        assertEquals(
                List.of("truncated record [file=a.dat, record=1, offset=9192, have=7000, need=9192]"),
                decode(data).messages());
    }

    @Test
    void givenYearOutsideWindow_whenDecoded_thenRecordRejectedAndNextDecoded() {
        byte[] data = TestData.file(1, false, 3);
        putInt(data, BASE + 4, 1999);
        Result result = decode(data);
        assertEquals(2, result.summary.records());
        assertEquals(
                List.of("record rejected: year outside window [file=a.dat, record=1, offset=6312, year=1999, "
                        + "minYear=2000, maxYear=2100, size=6312]"),
                result.messages());
        assertEquals(DatErrorKind.BAD_HEADER, result.summary.errors().get(0).kind());
        assertEquals(List.of(0L, 2L), result.indexes);
    }

    @Test
    void givenConfiguredWindow_whenYearOutside_thenRejected() {
        DatSummary summary = DatCodecs.decoder(new DatDecodeOptions(2010, 2020))
                .decode(TestData.file(1, false, 2), "a.dat", r -> {});
        assertEquals(0, summary.records());
        assertEquals(2, summary.errors().size());
        assertTrue(summary.errors().get(0).message().contains("year=2026, minYear=2010, maxYear=2020"));
    }

    @Test
    void givenBadInterval_whenDecoded_thenRecordRejectedByStride() {
        byte[] data = TestData.file(1, true, 3);
        putFloat(data, 9192, 10f);
        Result result = decode(data);
        assertEquals(
                List.of("record rejected: interval not about 8.33 ms [file=a.dat, record=1, offset=9192, "
                        + "interval=10.0, expected=8.333333, size=9192]"),
                result.messages());
        assertEquals(List.of(0L, 2L), result.indexes);
    }

    @Test
    void givenSecondsGoingBackwards_whenDecoded_thenRecordRejected() {
        byte[] data = TestData.file(1, false, 3);
        putInt(data, 2 * BASE + 24, 0); // record 2 claims second 0, before record 1 (second 1)
        Result result = decode(data);
        assertEquals(
                List.of("record rejected: seconds went backwards [file=a.dat, record=2, offset=12624, "
                        + "second=1767225600, previousSecond=1767225601, size=6312]"),
                result.messages());
        assertEquals(List.of(0L, 1L), result.indexes);
    }

    @Test
    void givenMonthOutOfRange_whenDecoded_thenRecordRejected() {
        byte[] data = TestData.file(1, false, 2);
        putInt(data, 8, 13);
        assertEquals(
                List.of("record rejected: timestamp field out of range [file=a.dat, record=0, offset=0, "
                        + "month=13, size=6312]"),
                decode(data).messages());
    }

    @Test
    void givenGarbledHeader_whenDecoded_thenResyncOnNextRecord() {
        byte[] data = TestData.file(1, false, 3);
        putFloat(data, BASE, 0f);
        putInt(data, BASE + 4, -7);
        Result result = decode(data);
        assertEquals(
                List.of(
                        "record rejected: header garbled, stride untrusted [file=a.dat, record=1, offset=6312, "
                                + "interval=0.0, expected=8.333333, year=-7, minYear=2000, maxYear=2100]",
                        "resynchronised on next plausible header [file=a.dat, record=1, offset=6312, skipped=6312, "
                                + "resumeOffset=12624]"),
                result.messages());
        assertEquals(DatErrorKind.RESYNC, result.summary.errors().get(1).kind());
        assertEquals(List.of(0L, 2L), result.indexes);
    }

    @Test
    void givenJunkBytesBetweenRecords_whenDecoded_thenResyncSkipsExactlyTheJunk() {
        byte[] clean = TestData.file(1, false, 3);
        byte[] data = new byte[clean.length + 5];
        System.arraycopy(clean, 0, data, 0, BASE);
        Arrays.fill(data, BASE, BASE + 5, (byte) 0x7f);
        System.arraycopy(clean, BASE, data, BASE + 5, clean.length - BASE);
        Result result = decode(data);
        assertEquals(3, result.summary.records());
        assertEquals(
                "resynchronised on next plausible header [file=a.dat, record=1, offset=6312, skipped=5, "
                        + "resumeOffset=6317]",
                result.messages().get(1));
    }

    @Test
    void givenOnlyGarbage_whenDecoded_thenSingleResyncToEnd() {
        byte[] data = new byte[20_000];
        Arrays.fill(data, (byte) 0x55);
        Result result = decode(data);
        assertEquals(0, result.summary.records());
        assertEquals(20_000, result.summary.bytes());
        assertEquals(
                "no further record header found [file=a.dat, record=0, offset=0, skipped=20000]",
                result.messages().get(1));
    }

    private Result decode(byte[] data) {
        Result result = new Result();
        result.summary = decoder.decode(data, "a.dat", new DatRecordHandler() {
            @Override
            public void onRecord(DatRecord record) {
                result.indexes.add(record.index());
            }

            @Override
            public void onError(DatError error) {
                result.callbackErrors.add(error);
            }
        });
        return result;
    }

    private static void putInt(byte[] data, int offset, int value) {
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
    }

    private static void putFloat(byte[] data, int offset, float value) {
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putFloat(offset, value);
    }

    private static final class Result {
        DatSummary summary;
        final List<Long> indexes = new ArrayList<>();
        final List<DatError> callbackErrors = new ArrayList<>();

        List<String> messages() {
            return summary.errors().stream().map(DatError::message).toList();
        }
    }
}
