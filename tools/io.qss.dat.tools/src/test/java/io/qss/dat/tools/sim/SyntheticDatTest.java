// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.DatCodecs;
import io.qss.dat.DatColumns;
import io.qss.dat.DatStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticDatTest {
    private static final long START = 1_767_225_600L;

    @Test
    void givenSameSeed_whenGenerated_thenByteIdentical() {
        byte[] first = SyntheticDats.generator(SyntheticDatOptions.of(9, true)).generateFile(START, 60);
        byte[] second = SyntheticDats.generator(SyntheticDatOptions.of(9, true)).generateFile(START, 60);
        assertArrayEquals(first, second);
        assertFalse(Arrays.equals(
                first, SyntheticDats.generator(SyntheticDatOptions.of(10, true)).generateFile(START, 60)));
    }

    @Test
    void givenExtendedMinute_whenDecoded_thenValuesArePlausible() {
        DatColumns c = DatCodecs.decoder()
                .decodeColumns(
                        SyntheticDats.generator(SyntheticDatOptions.of(4, true)).generateFile(START, 60), "s");
        assertTrue(c.summary().isClean());
        for (int i = 0; i < c.size(); i++) {
            for (DatStream mag : new DatStream[] {DatStream.L1MAG, DatStream.L2MAG, DatStream.L3MAG}) {
                assertTrue(c.values(mag)[i] > 3000 && c.values(mag)[i] < 7700, mag + "=" + c.values(mag)[i]);
            }
            for (DatStream amps : new DatStream[] {DatStream.C1MAG, DatStream.C2MAG, DatStream.C3MAG}) {
                assertTrue(c.values(amps)[i] > 5 && c.values(amps)[i] < 500, amps + "=" + c.values(amps)[i]);
            }
            for (DatStream angle : new DatStream[] {DatStream.L1ANG, DatStream.C3ANG}) {
                assertTrue(c.values(angle)[i] > -180 && c.values(angle)[i] <= 180);
            }
            double separation = wrap(c.values(DatStream.L1ANG)[i] - c.values(DatStream.L2ANG)[i]);
            assertEquals(120, separation, 0.5);
            double dpf = c.values(DatStream.FUND_DPF)[i];
            assertTrue(dpf > 0.9 && dpf <= 1, "dpf=" + dpf);
            double va = c.values(DatStream.FUND_VA)[i];
            double w = c.values(DatStream.FUND_W)[i];
            double var = c.values(DatStream.FUND_VAR)[i];
            assertEquals(va, Math.hypot(w, var), va * 0.01);
            assertEquals(dpf, w / va, 1e-5);
            assertEquals(60, c.values(DatStream.FREQ_L1_1S)[i], 0.1);
            assertEquals(60, c.values(DatStream.FREQ_L1_C37)[i], 0.1);
            assertEquals(0x21, (int) c.values(DatStream.LSTATE)[i]);
        }
    }

    @Test
    void givenSerialAndStart_whenPathComputed_thenHourDirectoryAndSortableName() {
        assertEquals(
                "2026/01/01/00/P3500007_20260101_000000.dat",
                SyntheticDat.relativePath(SyntheticDat.simulatedSerial(7), START));
        assertEquals(
                "2026/01/01/13/P1_20260101_134500.dat", SyntheticDat.relativePath("P1", START + 13 * 3600 + 45 * 60));
    }

    private static double wrap(double degrees) {
        double d = degrees % 360;
        return d > 180 ? d - 360 : d <= -180 ? d + 360 : d;
    }
}
