// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatRoundTripTest {
    private final DatDecoder decoder = DatCodecs.decoder();
    private final DatEncoder encoder = DatCodecs.encoder();

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void givenEncodedRecords_whenDecoded_thenReencodeIsByteIdentical(boolean isExtended) {
        byte[] original = TestData.file(7, isExtended, 5);
        ByteArrayOutputStream reencoded = new ByteArrayOutputStream();
        DatSummary summary = decoder.decode(original, "rt.dat", r -> reencoded.writeBytes(encoder.encode(r.toData())));
        assertTrue(summary.isClean(), summary.errors().toString());
        assertEquals(5, summary.records());
        assertEquals(isExtended ? 5 : 0, summary.extendedRecords());
        assertEquals(original.length, summary.bytes());
        assertArrayEquals(original, reencoded.toByteArray());
    }

    @Test
    void givenRecordData_whenEncodedAndDecoded_thenEveryFieldSurvives() {
        DatRecordData data = DatRecordData.blank(new DatTimestamp(2026, 3, 4, 5, 6, 7), true);
        data = new DatRecordData(
                8.3333f,
                data.timestamp(),
                data.status(),
                data.values(),
                new PllStats(0xFFFF_FFF0L, 100_000_001L, -5, 7),
                new GpsStats(1, 2, 3, 4, 5, 6, 7));
        for (int i = 0; i < 120; i++) {
            data.status()[i] = i == 17 ? 0x40 : i;
            for (DatStream stream : DatStream.streams(true)) {
                if (!stream.isStatus()) {
                    data.values()[stream.ordinal()][i] = stream.ordinal() * 1000 + i + 0.25f;
                }
            }
        }
        List<DatRecordData> decoded = new ArrayList<>();
        decoder.decode(encoder.encode(data), "f.dat", r -> decoded.add(r.toData()));
        DatRecordData back = decoded.get(0);
        assertEquals(data.timestamp(), back.timestamp());
        assertEquals(data.pll(), back.pll());
        assertEquals(data.gps(), back.gps());
        assertEquals(8.3333f, back.intervalMillis());
        assertArrayEquals(data.status(), back.status());
        for (DatStream stream : DatStream.streams(true)) {
            if (!stream.isStatus()) {
                assertArrayEquals(data.values()[stream.ordinal()], back.values()[stream.ordinal()], stream.name());
            }
        }
    }

    @Test
    void givenRecord_whenReadThroughView_thenLayoutAngleFirstAndTimesFollowConvention() {
        DatRecordData data = DatRecordData.blank(new DatTimestamp(2026, 1, 1, 0, 0, 0), false);
        data.values()[DatStream.L1MAG.ordinal()][0] = 7200f;
        data.values()[DatStream.L1ANG.ordinal()][0] = -120f;
        byte[] bytes = encoder.encode(data);
        assertEquals(
                -120f, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat(508));
        assertEquals(
                7200f, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat(512));
        decoder.decode(bytes, "f.dat", r -> {
            assertEquals(7200.0, r.value(DatStream.L1MAG, 0));
            assertEquals(1_767_225_600_000_000_000L, r.timeNanos(0));
            assertEquals(1_767_225_600_008_333_333L, r.timeNanos(1));
            assertEquals(1_767_225_600_991_666_629L, r.timeNanos(119));
            assertThrows(IllegalArgumentException.class, () -> r.value(DatStream.FUND_W, 0));
        });
    }

    @Test
    void givenMixedFile_whenDecoded_thenStridesFollowStatusWordsAndColumnsHoldNaN() {
        byte[] mixed = TestData.mixedFile(3, 7);
        assertEquals(5 * 6312 + 2 * 9192, mixed.length);
        DatColumns columns = decoder.decodeColumns(mixed, "mixed.dat");
        assertTrue(columns.summary().isClean(), columns.summary().errors().toString());
        assertEquals(7, columns.summary().records());
        assertEquals(2, columns.summary().extendedRecords());
        assertEquals(7 * 120, columns.size());
        assertTrue(columns.hasExtended());
        assertTrue(Double.isNaN(columns.values(DatStream.FUND_W)[0]));
        assertTrue(columns.values(DatStream.FUND_W)[120] > 1e5);
        assertTrue(Double.isNaN(columns.values(DatStream.FUND_W)[240]));
        assertEquals(33, columns.values(DatStream.LSTATE)[120]);
        assertEquals(1, columns.values(DatStream.LSTATE)[0]);
        for (int i = 1; i < columns.size(); i++) {
            assertTrue(columns.times()[i] > columns.times()[i - 1]);
        }
    }

    @Test
    void givenSameBytes_whenDecodedFromArrayStreamAndFile_thenSameColumns(@TempDir Path dir) throws Exception {
        byte[] mixed = TestData.mixedFile(5, 40);
        Path file = dir.resolve("m.dat");
        Files.write(file, mixed);
        String fromArray = TestData.csv(decoder.decodeColumns(mixed, "m.dat"));
        assertEquals(fromArray, TestData.csv(decoder.decodeColumns(file)));
        StringBuilder fromStream = new StringBuilder();
        DatSummary summary = decoder.decode(
                new TrickleInputStream(mixed),
                "m.dat",
                r -> fromStream.append(r.index()).append(r.offset()).append(r.value(DatStream.C2ANG, 77)));
        StringBuilder fromBytes = new StringBuilder();
        decoder.decode(
                mixed,
                "m.dat",
                r -> fromBytes.append(r.index()).append(r.offset()).append(r.value(DatStream.C2ANG, 77)));
        assertEquals(fromBytes.toString(), fromStream.toString());
        assertEquals(40, summary.records());
    }

    @Test
    void givenEmptyInput_whenDecoded_thenNoRecordsNoErrors() {
        DatSummary summary = decoder.decode(new byte[0], "empty.dat", r -> {});
        assertEquals(0, summary.records());
        assertTrue(summary.isClean());
        assertEquals(0, decoder.decodeColumns(new byte[0], "empty.dat").size());
    }

    @Test
    void givenMissingFile_whenDecoded_thenCheckedExceptionNamesFile(@TempDir Path dir) {
        Path missing = dir.resolve("missing.dat");
        DatException e = assertThrows(DatException.class, () -> decoder.decode(missing, r -> {}));
        assertEquals("cannot read .dat file [file=" + missing + "]", e.getMessage());
        assertTrue(e.getCause() instanceof NoSuchFileException);
    }

    @Test
    void givenFailingStream_whenDecoded_thenCheckedExceptionWithCause() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };
        DatException e = assertThrows(DatException.class, () -> decoder.decode(failing, "s.dat", r -> {}));
        assertEquals("cannot read .dat stream [file=s.dat]", e.getMessage());
        assertEquals("disk on fire", e.getCause().getMessage());
    }

    /** Returns at most a few bytes per read, to exercise buffer refills at every boundary. */
    static final class TrickleInputStream extends InputStream {
        private final ByteArrayInputStream in;
        private int next = 1;

        TrickleInputStream(byte[] data) {
            this.in = new ByteArrayInputStream(data);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            next = next % 7919 + 1;
            return in.read(b, off, Math.min(len, next));
        }
    }
}
