// SPDX-License-Identifier: Apache-2.0
package io.qss.dat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checked-in files of format v1 must decode to the checked-in CSV forever; they are never regenerated here. */
class DatGoldenFileTest {
    @ParameterizedTest
    @CsvSource({"base-3, 18936, false", "extended-3, 27576, true"})
    void givenGoldenFile_whenDecoded_thenMatchesGoldenCsv(String name, int size, boolean isExtended)
            throws IOException {
        byte[] data = resource(name + ".dat");
        assertEquals(size, data.length);
        DatColumns columns = DatCodecs.decoder().decodeColumns(data, name + ".dat");
        assertTrue(columns.summary().isClean());
        assertEquals(3, columns.summary().records());
        assertEquals(isExtended, columns.hasExtended());
        String[] expected = new String(resource(name + ".csv"), StandardCharsets.US_ASCII).split("\n");
        String[] actual = TestData.csv(columns).split("\n");
        assertEquals(expected[0], actual[0]);
        assertEquals(3 * 120 + 1, expected.length);
        assertEquals(expected.length, actual.length);
        // Cells compare as parsed float32, not as text: Float.toString picked other digits before JDK 19.
        for (int row = 1; row < expected.length; row++) {
            String[] want = expected[row].split(",");
            String[] got = actual[row].split(",");
            assertEquals(want[0], got[0], "time of row " + row);
            for (int cell = 1; cell < want.length; cell++) {
                assertEquals(Float.parseFloat(want[cell]), Float.parseFloat(got[cell]), "row " + row + " cell " + cell);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"base-3", "extended-3"})
    void givenGoldenCsv_whenParsedAsFloat_thenExactStoredValues(String name) throws IOException {
        DatColumns columns = DatCodecs.decoder().decodeColumns(resource(name + ".dat"), name);
        String[] lines = new String(resource(name + ".csv"), StandardCharsets.US_ASCII).split("\n");
        for (int row = 0; row < columns.size(); row++) {
            String[] cells = lines[row + 1].split(",");
            assertEquals(columns.times()[row], Long.parseLong(cells[0]));
            for (DatStream stream : DatStream.streams(columns.hasExtended())) {
                double parsed = Float.parseFloat(cells[stream.ordinal() + 1]);
                assertEquals(columns.values(stream)[row], parsed, stream + " row " + row);
            }
        }
    }

    @Test
    void givenGoldenExtendedFile_whenFirstSampleRead_thenKnownValues() throws IOException {
        DatCodecs.decoder().decode(resource("extended-3.dat"), "extended-3.dat", r -> {
            if (r.index() == 0) {
                assertEquals(1_767_225_600_000_000_000L, r.timeNanos(0));
                assertEquals(0x21, r.status(0));
                assertEquals(1000f / 120f, r.intervalMillis());
            }
        });
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DatGoldenFileTest.class.getResourceAsStream("/dat/v1/" + name)) {
            return in.readAllBytes();
        }
    }
}
