// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scaling of every FORMAT combination, as C37.118 defines it, on frames built by hand. */
class DataDecoderTest {

    private static final double EPSILON = 1e-9;
    private static final int RECT_INT = 0;
    private static final int POLAR_INT = 1;
    private static final int ALL_FLOAT_POLAR = 0xF;
    private static final int ALL_FLOAT_RECT = 0xE;

    @Test
    void givenIntegerPolar_whenDecoded_thenMagnitudeTimesPhunitAndAngleFromRadiansTimesTenThousand() throws Exception {
        DataDecoder decoder = decoder(POLAR_INT, 1, 915_527 /* 9.15527 V per unit */, 0);
        ByteBuffer body = ByteBuffer.allocate(64).putShort((short) 0x0400);
        body.putShort((short) 40_000).putShort((short) -15_708); // unsigned magnitude, -pi/2
        body.putShort((short) -25).putShort((short) 150); // FREQ -25 mHz, DFREQ 1.5 Hz/s

        double[] out = decode(decoder, body);

        assertEquals(40_000 * 9.15527, out[0], 1e-6);
        assertEquals(Math.toDegrees(-1.5708), out[1], EPSILON);
        assertEquals(59.975, out[2], EPSILON);
        assertEquals(1.5, out[3], EPSILON);
        assertEquals(0x0400, out[4]);
    }

    @Test
    void givenIntegerRectangular_whenDecoded_thenBothPartsScaledAndConvertedToPolar() throws Exception {
        DataDecoder decoder = decoder(RECT_INT, 1, 100_000 /* 1 V per unit */, 1 /* 50 Hz */);
        ByteBuffer body = ByteBuffer.allocate(64).putShort((short) 0);
        body.putShort((short) -300).putShort((short) 400);
        body.putShort((short) 1000).putShort((short) -32767);

        double[] out = decode(decoder, body);

        assertEquals(500, out[0], EPSILON);
        assertEquals(Math.toDegrees(Math.atan2(400, -300)), out[1], EPSILON);
        assertEquals(51.0, out[2], EPSILON);
        assertEquals(-327.67, out[3], EPSILON);
    }

    @Test
    void givenFloatFormats_whenDecoded_thenValuesAsSentAndRectangularConverted() throws Exception {
        ByteBuffer polar = ByteBuffer.allocate(64).putShort((short) 0);
        polar.putFloat(230.5f).putFloat((float) Math.PI / 6).putFloat(49.98f).putFloat(-0.25f);
        double[] out = decode(decoder(ALL_FLOAT_POLAR, 1, 0, 1), polar);
        assertArrayEquals(new double[] {230.5, Math.toDegrees((float) Math.PI / 6), 49.98f, -0.25, 0, 0}, out, 1e-5);

        ByteBuffer rect = ByteBuffer.allocate(64).putShort((short) 0);
        rect.putFloat(0f).putFloat(-2f).putFloat(60.01f).putFloat(0f);
        out = decode(decoder(ALL_FLOAT_RECT, 1, 0, 0), rect);
        assertEquals(2, out[0], EPSILON);
        assertEquals(-90, out[1], EPSILON);
    }

    @Test
    void givenAnalogsDigitalsAndTwoPmus_whenDecoded_thenValuesInPmuOrderWithTimeQuality() throws Exception {
        FrameBuilder.Pmu first = new FrameBuilder.Pmu(
                "ONE",
                1,
                RECT_INT,
                new String[] {"IA"},
                new int[] {0x0100_0000 | 1000},
                new String[] {"P", "Q"},
                new int[] {0x0100_0002, 0x01FF_FFFE},
                new String[16],
                0,
                3);
        Arrays.fill(first.digitalNames(), "BREAKER");
        FrameBuilder.Pmu second = FrameBuilder.Pmu.simple("TWO", 2, ALL_FLOAT_POLAR, 1, 0);
        ConfigFrame config = parse(FrameBuilder.cfg2(9, 1_000_000, 60, first, second));
        DataDecoder decoder = new DataDecoder(config);
        ByteBuffer body = ByteBuffer.allocate(128).putShort((short) 0);
        body.putShort((short) 3).putShort((short) 4).putShort((short) 0).putShort((short) 0);
        body.putShort((short) -7).putShort((short) 100).putShort((short) 0xA5A5);
        body.putShort((short) 0x2000).putFloat(1f).putFloat(0f).putFloat(60f).putFloat(0f);
        byte[] frame = FrameBuilder.frame(
                FrameType.DATA, 1, 9, 1_700_000_000L, 0x0F_07A120, Arrays.copyOf(body.array(), body.position()));
        assertEquals(frame.length, decoder.frameSize());
        double[] out = new double[decoder.valueCount()];

        decoder.decode(ByteBuffer.wrap(frame), 0, out, 0);

        assertTrue(config.pmus().get(0).phasors().get(0).isCurrent());
        assertArrayEquals(
                new double[] {
                    0.05, Math.toDegrees(Math.atan2(4, 3)), 60, 0, -14, -200, 0xA5A5, 0, 0x0F, 1, 0, 60, 0, 0x2000, 0x0F
                },
                out,
                EPSILON);
        assertEquals(1_700_000_000_500_000_000L, decoder.timeNanos(ByteBuffer.wrap(frame), 0));
    }

    @Test
    void givenStatBit15_whenDecoded_thenEveryMeasurementMissingAndStatKept() throws Exception {
        for (int stat : new int[] {0x8000, 0xC000}) {
            ByteBuffer body = ByteBuffer.allocate(64).putShort((short) stat);
            body.putShort((short) 40_000)
                    .putShort((short) 100)
                    .putShort((short) -25)
                    .putShort((short) 150);

            double[] out = decode(decoder(POLAR_INT, 1, 100_000, 0), body);

            assertArrayEquals(
                    new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, stat, 0},
                    out,
                    0,
                    "STAT=" + Integer.toHexString(stat));
        }
    }

    @Test
    void givenPmuErrorWithoutDoNotUse_whenDecoded_thenValuesKept() throws Exception {
        ByteBuffer body = ByteBuffer.allocate(64).putShort((short) 0x4000);
        body.putShort((short) 100).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        double[] out = decode(decoder(POLAR_INT, 1, 100_000, 0), body);
        assertEquals(100, out[0], EPSILON);
        assertEquals(60, out[2], EPSILON);
    }

    @Test
    void givenIntegerMissingMarks_whenDecoded_thenThoseValuesMissingOthersKept() throws Exception {
        ByteBuffer polar = ByteBuffer.allocate(64).putShort((short) 0);
        polar.putShort((short) 40_000)
                .putShort((short) 0x8000)
                .putShort((short) 0x8000)
                .putShort((short) 150);
        double[] out = decode(decoder(POLAR_INT, 1, 100_000, 0), polar);
        assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[1]), "phasor with a missing angle");
        assertTrue(Double.isNaN(out[2]), "FREQ");
        assertEquals(1.5, out[3], EPSILON);

        ByteBuffer rect = ByteBuffer.allocate(64).putShort((short) 0);
        rect.putShort((short) 0x8000)
                .putShort((short) 0x8000)
                .putShort((short) 10)
                .putShort((short) 0x8000);
        out = decode(decoder(RECT_INT, 1, 100_000, 0), rect);
        assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[1]), "rectangular pair");
        assertEquals(60.01, out[2], EPSILON);
        assertTrue(Double.isNaN(out[3]), "DFREQ");

        ByteBuffer halfMissing = ByteBuffer.allocate(64).putShort((short) 0);
        halfMissing
                .putShort((short) 0x8000)
                .putShort((short) 3)
                .putShort((short) 0)
                .putShort((short) 0);
        out = decode(decoder(RECT_INT, 1, 100_000, 0), halfMissing);
        assertEquals(Math.hypot(-32768, 3), out[0], 1e-6, "one component alone is a value");
    }

    @Test
    void givenConfigChangeBit_whenChecked_thenFlagged() throws Exception {
        DataDecoder decoder = decoder(POLAR_INT, 1, 1, 0);
        ByteBuffer body = ByteBuffer.allocate(64)
                .putShort((short) DataDecoder.STAT_CONFIG_CHANGED)
                .putInt(0)
                .putInt(0);
        assertTrue(decoder.isConfigChangeFlagged(ByteBuffer.wrap(FrameBuilder.data(1, 0, 0, body)), 0));
    }

    @Test
    void givenTruncatedConfig_whenParsed_thenFormatErrorNamesOffset() {
        byte[] cfg = FrameBuilder.cfg2(1, 1_000_000, 30, FrameBuilder.Pmu.simple("S", 1, 0, 2, 1));
        byte[] body = Arrays.copyOfRange(cfg, Frames.HEADER_SIZE, cfg.length - 10);
        byte[] truncated = FrameBuilder.frame(FrameType.CFG2, 1, 1, 0, 0, body);
        FrameFormatException e =
                assertThrows(FrameFormatException.class, () -> ConfigParser.parse(ByteBuffer.wrap(truncated), 0));
        assertTrue(e.getMessage().contains("offset="), e.getMessage());
    }

    @Test
    void givenCfg2_whenParsed_thenChannelsUnitsNominalAndRate() throws Exception {
        ConfigFrame config = parse(
                FrameBuilder.cfg2(5, 1_000_000, -5, FrameBuilder.Pmu.simple(" Blue PMU ", 241, POLAR_INT, 4, 915_527)));
        PmuConfig pmu = config.pmus().get(0);
        assertEquals("Blue PMU", pmu.station());
        assertEquals(241, pmu.idcode());
        assertEquals(4, pmu.phasors().size());
        assertEquals(9.15527, pmu.phasors().get(0).scale(), EPSILON);
        assertEquals(60, pmu.nominalHz());
        assertEquals(-5, config.dataRate());
        assertEquals(1_000_000, config.timeBase());
    }

    @Test
    void givenCfg3WithScaleFactors_whenIntegerDataDecoded_thenPhscaleAndAnscaleApplied() throws Exception {
        ByteBuffer body =
                ByteBuffer.allocate(256).putShort((short) 0).putInt(1_000_000).putShort((short) 1);
        body.put((byte) 11).put("Station Ten".getBytes(StandardCharsets.US_ASCII));
        body.putShort((short) 10).put(new byte[16]).putShort((short) POLAR_INT);
        body.putShort((short) 1).putShort((short) 1).putShort((short) 0);
        body.put((byte) 2).put((byte) 'I').put((byte) 'A').put((byte) 1).put((byte) 'P');
        body.putInt(0x0000_0800).putFloat(0.5f).putFloat(0.25f); // current, 0.5 A per unit, +0.25 rad
        body.putFloat(2f).putFloat(-1f);
        body.putFloat(0f).putFloat(0f).putFloat(0f).put((byte) 'P').putInt(0).putInt(0);
        body.putShort((short) 1).putShort((short) 4).putShort((short) 50);
        byte[] cfg3 = FrameBuilder.frame(FrameType.CFG3, 2, 10, 0, 0, Arrays.copyOf(body.array(), body.position()));
        ConfigFrame config = parse(cfg3);
        PmuConfig pmu = config.pmus().get(0);
        assertEquals("Station Ten", pmu.station());
        assertEquals(
                List.of("IA"), pmu.phasors().stream().map(PhasorChannel::name).toList());
        assertTrue(pmu.phasors().get(0).isCurrent());
        assertEquals(50, pmu.nominalHz());
        assertEquals(4, pmu.cfgcnt());
        DataDecoder decoder = new DataDecoder(config);
        ByteBuffer data = ByteBuffer.allocate(64)
                .putShort((short) 0)
                .putShort((short) 100)
                .putShort((short) 10_000);
        data.putShort((short) 20).putShort((short) 0).putShort((short) 7);

        double[] out = decode(decoder, data, 10);

        assertArrayEquals(new double[] {50, Math.toDegrees(1.25), 50.02, 0, 13, 0, 0}, out, 1e-6);
    }

    private static DataDecoder decoder(int format, int phasors, int phunit, int fnom) throws Exception {
        FrameBuilder.Pmu pmu = FrameBuilder.Pmu.simple("S", 1, format, phasors, phunit);
        pmu = new FrameBuilder.Pmu(
                pmu.station(),
                1,
                format,
                pmu.phasors(),
                pmu.phunits(),
                pmu.analogs(),
                pmu.anunits(),
                pmu.digitalNames(),
                fnom,
                1);
        return new DataDecoder(parse(FrameBuilder.cfg2(1, 1_000_000, 60, pmu)));
    }

    private static ConfigFrame parse(byte[] frame) throws FrameFormatException {
        return ConfigParser.parse(ByteBuffer.wrap(frame), 0);
    }

    private static double[] decode(DataDecoder decoder, ByteBuffer body) {
        return decode(decoder, body, 1);
    }

    private static double[] decode(DataDecoder decoder, ByteBuffer body, int idcode) {
        byte[] frame = FrameBuilder.data(idcode, 1_700_000_000L, 0, body);
        assertEquals(decoder.frameSize(), frame.length);
        double[] out = new double[decoder.valueCount()];
        decoder.decode(ByteBuffer.wrap(frame), 0, out, 0);
        return out;
    }
}
