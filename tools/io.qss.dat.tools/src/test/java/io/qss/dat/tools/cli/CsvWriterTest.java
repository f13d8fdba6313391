// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.DatCodecs;
import io.qss.dat.DatEncoder;
import io.qss.dat.DatRecordData;
import io.qss.dat.DatStream;
import io.qss.dat.DatTimestamp;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvWriterTest {
    @Test
    void givenMixedFile_whenWritten_thenBaseRowsHaveEmptyExtendedCellsAndNaNStaysNaN() throws Exception {
        DatEncoder encoder = DatCodecs.encoder();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DatRecordData base = DatRecordData.blank(new DatTimestamp(2026, 1, 1, 0, 0, 0), false);
        Arrays.fill(base.status(), 1);
        file.writeBytes(encoder.encode(base));
        DatRecordData extended = DatRecordData.blank(new DatTimestamp(2026, 1, 1, 0, 0, 1), true);
        Arrays.fill(extended.status(), 0x21);
        extended.values()[DatStream.FUND_W.ordinal()][0] = Float.NaN;
        extended.values()[DatStream.FREQ_L1_C37.ordinal()][0] = 59.98f;
        file.writeBytes(encoder.encode(extended));
        StringWriter csv = new StringWriter();
        CsvWriter.write(DatCodecs.decoder().decodeColumns(file.toByteArray(), "m.dat"), csv);
        String[] lines = csv.toString().split("\n");
        assertEquals(241, lines.length);
        assertTrue(lines[0].endsWith(",LSTATE,FUND_W,FUND_VAR,FUND_VA,FUND_DPF,FREQ_L1_1S,FREQ_L1_C37"));
        assertEquals("1767225600000000000,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,1,,,,,,", lines[1]);
        assertEquals(
                "1767225601000000000,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,33,NaN,0.0,0.0,0.0,0.0,59.98",
                lines[121]);
    }
}
