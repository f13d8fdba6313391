// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the data frames one configuration describes into scaled values, with the layout computed once per
 * configuration so a frame costs no allocation. Values per PMU, in this order: for each phasor its magnitude (V or A)
 * and angle (degrees, -180..180), FREQ (Hz, absolute), DFREQ (Hz/s), the analogs, the digital words (raw), STAT (raw)
 * and the frame's time-quality byte. Rectangular phasors are converted to magnitude and angle. Missing values are NaN:
 * integer fields holding 0x8000 (-32768, the standard's missing-data mark; an angle or a rectangular pair marks the
 * whole phasor), float fields holding NaN as sent, and every measurement of a PMU whose STAT bit 15 says "do not use
 * the values" (C37.118-2005: data invalid; .2-2011: data error 10 test mode / absent data, or 11 PMU error). STAT
 * and the time-quality byte are always kept, so an outage shows in them. Immutable and thread-safe.
 */
public final class DataDecoder {

    /** STAT bit 10: the PMU's configuration changed; ask for a new one. */
    public static final int STAT_CONFIG_CHANGED = 1 << 10;

    /** STAT bit 15: the PMU's values of this frame must not be used. */
    public static final int STAT_DO_NOT_USE = 1 << 15;

    /** A 16-bit integer field's mark for missing data. */
    private static final int MISSING = -0x8000;

    private static final double RADIANS_PER_INTEGER_UNIT = 1e-4;
    private static final double MILLIHERTZ = 1e-3;
    private static final double DFREQ_STEP = 1e-2;

    private final ConfigFrame config;
    private final Block[] blocks;
    private final int frameSize;
    private final int valueCount;

    public DataDecoder(ConfigFrame config) {
        this.config = config;
        List<PmuConfig> pmus = config.pmus();
        this.blocks = new Block[pmus.size()];
        int offset = Frames.HEADER_SIZE;
        int values = 0;
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new Block(pmus.get(i), offset, values);
            offset += pmus.get(i).dataBlockSize();
            values += valuesPerPmu(pmus.get(i));
        }
        this.frameSize = offset + 2;
        this.valueCount = values;
    }

    /** How many values {@link #decode} writes for {@code pmu}. */
    public static int valuesPerPmu(PmuConfig pmu) {
        return 2 * pmu.phasors().size()
                + 2
                + pmu.analogs().size()
                + pmu.digitals().size()
                + 2;
    }

    public ConfigFrame config() {
        return config;
    }

    /** FRAMESIZE of the data frames this configuration describes. */
    public int frameSize() {
        return frameSize;
    }

    /** Values {@link #decode} writes per frame. */
    public int valueCount() {
        return valueCount;
    }

    /** Sample time of the whole data frame at {@code start}, epoch nanoseconds. */
    public long timeNanos(ByteBuffer b, int start) {
        return Frames.timeNanos(Frames.soc(b, start), Frames.fraction(b, start), config.timeBase());
    }

    /** Whether a PMU of the data frame at {@code start} set STAT bit 10 (configuration change). */
    public boolean isConfigChangeFlagged(ByteBuffer b, int start) {
        for (Block block : blocks) {
            if ((Bytes.u16(b, start + block.offset) & STAT_CONFIG_CHANGED) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes the values of the whole data frame at {@code start}, whose size the caller checked against
     * {@link #frameSize()}, into {@code out} from {@code outOffset}.
     */
    public void decode(ByteBuffer b, int start, double[] out, int outOffset) {
        int timeQuality = Frames.timeQuality(b, start);
        for (Block block : blocks) {
            block.decode(b, start, out, outOffset + block.firstValue, timeQuality);
        }
    }

    /** One PMU's part of a data frame: offsets and scales, fixed per configuration. */
    private static final class Block {

        private final int offset;
        private final int firstValue;
        private final boolean isPolar;
        private final boolean isPhasorFloat;
        private final boolean isAnalogFloat;
        private final boolean isFrequencyFloat;
        private final double nominalHz;
        private final double[] phasorScale;
        private final double[] angleOffset;
        private final double[] analogScale;
        private final double[] analogOffset;
        private final int digitalCount;

        Block(PmuConfig pmu, int offset, int firstValue) {
            this.offset = offset;
            this.firstValue = firstValue;
            this.isPolar = pmu.isPolar();
            this.isPhasorFloat = pmu.isPhasorFloat();
            this.isAnalogFloat = pmu.isAnalogFloat();
            this.isFrequencyFloat = pmu.isFrequencyFloat();
            this.nominalHz = pmu.nominalHz();
            this.phasorScale =
                    pmu.phasors().stream().mapToDouble(PhasorChannel::scale).toArray();
            this.angleOffset = pmu.phasors().stream()
                    .mapToDouble(PhasorChannel::angleOffset)
                    .toArray();
            this.analogScale =
                    pmu.analogs().stream().mapToDouble(AnalogChannel::scale).toArray();
            this.analogOffset =
                    pmu.analogs().stream().mapToDouble(AnalogChannel::offset).toArray();
            this.digitalCount = pmu.digitals().size();
        }

        void decode(ByteBuffer b, int frameStart, double[] out, int o, int timeQuality) {
            int p = frameStart + offset;
            int stat = Bytes.u16(b, p);
            if ((stat & STAT_DO_NOT_USE) != 0) {
                int measurements = 2 * phasorScale.length + 2 + analogScale.length + digitalCount;
                Arrays.fill(out, o, o + measurements, Double.NaN);
                out[o + measurements] = stat;
                out[o + measurements + 1] = timeQuality;
                return;
            }
            p += 2;
            for (int i = 0; i < phasorScale.length; i++, o += 2) {
                p = phasor(b, p, i, out, o);
            }
            if (isFrequencyFloat) {
                out[o++] = Bytes.f32(b, p);
                out[o++] = Bytes.f32(b, p + 4);
                p += 8;
            } else {
                out[o++] = integerOrMissing(b, p, MILLIHERTZ, nominalHz);
                out[o++] = integerOrMissing(b, p + 2, DFREQ_STEP, 0);
                p += 4;
            }
            for (int i = 0; i < analogScale.length; i++) {
                if (isAnalogFloat) {
                    out[o++] = Bytes.f32(b, p);
                    p += 4;
                } else {
                    out[o++] = integerOrMissing(b, p, analogScale[i], analogOffset[i]);
                    p += 2;
                }
            }
            for (int i = 0; i < digitalCount; i++, p += 2) {
                out[o++] = Bytes.u16(b, p);
            }
            out[o++] = stat;
            out[o] = timeQuality;
        }

        private int phasor(ByteBuffer b, int p, int i, double[] out, int o) {
            if (isPhasorFloat) {
                double first = Bytes.f32(b, p);
                double second = Bytes.f32(b, p + 4);
                if (isPolar) {
                    out[o] = first;
                    out[o + 1] = Math.toDegrees(second);
                } else {
                    polarOf(first, second, out, o);
                }
                return p + 8;
            }
            if (isPolar && Bytes.s16(b, p + 2) == MISSING
                    || !isPolar && Bytes.s16(b, p) == MISSING && Bytes.s16(b, p + 2) == MISSING) {
                out[o] = Double.NaN;
                out[o + 1] = Double.NaN;
            } else if (isPolar) {
                out[o] = Bytes.u16(b, p) * phasorScale[i];
                out[o + 1] = Math.toDegrees(Bytes.s16(b, p + 2) * RADIANS_PER_INTEGER_UNIT + angleOffset[i]);
            } else {
                polarOf(Bytes.s16(b, p) * phasorScale[i], Bytes.s16(b, p + 2) * phasorScale[i], out, o);
            }
            return p + 4;
        }

        /** A signed 16-bit field scaled, or NaN when it holds the missing-data mark. */
        private static double integerOrMissing(ByteBuffer b, int p, double scale, double offset) {
            int raw = Bytes.s16(b, p);
            return raw == MISSING ? Double.NaN : raw * scale + offset;
        }

        private static void polarOf(double real, double imaginary, double[] out, int o) {
            out[o] = Math.sqrt(real * real + imaginary * imaginary);
            out[o + 1] = Math.toDegrees(Math.atan2(imaginary, real));
        }
    }
}
