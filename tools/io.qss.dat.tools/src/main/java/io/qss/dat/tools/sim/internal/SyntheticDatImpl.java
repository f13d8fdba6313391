// SPDX-License-Identifier: Apache-2.0
package io.qss.dat.tools.sim.internal;

import io.qss.dat.DatCodecs;
import io.qss.dat.DatEncoder;
import io.qss.dat.DatFormat;
import io.qss.dat.DatRecordData;
import io.qss.dat.DatStream;
import io.qss.dat.DatTimestamp;
import io.qss.dat.GpsStats;
import io.qss.dat.PllStats;
import io.qss.dat.tools.sim.SyntheticDat;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** The {@link SyntheticDat}: a small grid model advanced one second per record. Confined to one thread. */
public final class SyntheticDatImpl implements SyntheticDat {
    private static final int SAMPLES = DatFormat.SAMPLES_PER_RECORD;
    private static final double DT_SECONDS = 1.0 / SAMPLES;
    private static final int BASE_STATUS = 1;
    private static final int EXTENDED_STATUS = BASE_STATUS | 0x20;
    /** Read per sample; {@link DatStream#values()} would clone the array on every call. */
    private static final List<DatStream> STREAMS = DatStream.streams(true);

    private final SyntheticDatOptions options;
    /** java.util.Random: its sequence is fixed by the Java specification, so seeds reproduce across JDKs. */
    private final Random random;

    private final DatEncoder encoder = DatCodecs.encoder();
    private final GridState grid;
    private final DatRecordData record;
    private final SagModel sag;
    private long lastEpochSecond = Long.MIN_VALUE;

    public SyntheticDatImpl(SyntheticDatOptions options) {
        this.options = options;
        this.random = new Random(options.seed());
        this.grid = new GridState(random, options.nominalVolts(), options.nominalAmps());
        this.sag = new SagModel(random, options.sagProbability());
        this.record = DatRecordData.blank(DatTimestamp.ofEpochSecond(0), options.isExtended());
        Arrays.fill(record.status(), options.isExtended() ? EXTENDED_STATUS : BASE_STATUS);
    }

    @Override
    public DatRecordData nextRecord(long epochSecond) {
        if (lastEpochSecond != Long.MIN_VALUE && epochSecond > lastEpochSecond + 1) {
            grid.skipSeconds(epochSecond - lastEpochSecond - 1);
        }
        lastEpochSecond = epochSecond;
        grid.driftOneSecond();
        sag.maybeStart();
        float[][] values = record.values();
        for (int i = 0; i < SAMPLES; i++) {
            grid.advanceSample(DT_SECONDS);
            fillSample(values, i);
        }
        PllStats pll = new PllStats(1, 100_000_000L + random.nextInt(21) - 10, random.nextInt(401) - 200, -1250);
        GpsStats gps = new GpsStats(
                12.5f + (float) random.nextGaussian() * 0.5f, 37.8716f, 0.9f, -122.2727f, 8 + random.nextInt(4), 3, 1);
        return new DatRecordData(
                DatFormat.NOMINAL_INTERVAL_MILLIS,
                DatTimestamp.ofEpochSecond(epochSecond),
                record.status(),
                values,
                pll,
                gps);
    }

    @Override
    public byte[] generateFile(long startEpochSecond, int records) {
        int size = options.isExtended() ? DatFormat.EXTENDED_RECORD_BYTES : DatFormat.BASE_RECORD_BYTES;
        byte[] out = new byte[Math.multiplyExact(size, records)];
        for (int r = 0; r < records; r++) {
            encoder.encode(nextRecord(startEpochSecond + r), out, r * size);
        }
        return out;
    }

    private void fillSample(float[][] values, int i) {
        double watts = 0;
        double vars = 0;
        double voltAmps = 0;
        for (int phase = 0; phase < 3; phase++) {
            double volts = grid.volts(phase) * sag.factor(phase) * (1 + random.nextGaussian() * 5e-4);
            double voltAngle = grid.voltAngle(phase) + random.nextGaussian() * 0.01;
            double amps = grid.amps(phase) * (1 + random.nextGaussian() * 1e-3);
            double lag = grid.lagDegrees(phase) + random.nextGaussian() * 0.02;
            double currentAngle = voltAngle - lag;
            set(values, STREAMS.get(phase * 2), i, volts);
            set(values, STREAMS.get(phase * 2 + 1), i, wrapDegrees(voltAngle));
            set(values, STREAMS.get(6 + phase * 2), i, amps);
            set(values, STREAMS.get(7 + phase * 2), i, wrapDegrees(currentAngle));
            double apparent = volts * amps;
            watts += apparent * Math.cos(Math.toRadians(lag));
            vars += apparent * Math.sin(Math.toRadians(lag));
            voltAmps += apparent;
        }
        sag.advance();
        if (options.isExtended()) {
            set(values, DatStream.FUND_W, i, watts);
            set(values, DatStream.FUND_VAR, i, vars);
            set(values, DatStream.FUND_VA, i, voltAmps);
            set(values, DatStream.FUND_DPF, i, watts / voltAmps);
            set(values, DatStream.FREQ_L1_1S, i, grid.secondMeanHz());
            set(values, DatStream.FREQ_L1_C37, i, grid.frequencyHz() + random.nextGaussian() * 5e-4);
        }
    }

    private static void set(float[][] values, DatStream stream, int i, double value) {
        values[stream.ordinal()][i] = (float) value;
    }

    /** Wraps degrees into (-180, 180]. */
    static double wrapDegrees(double degrees) {
        double wrapped = degrees % 360.0;
        if (wrapped > 180.0) {
            wrapped -= 360.0;
        } else if (wrapped <= -180.0) {
            wrapped += 360.0;
        }
        return wrapped;
    }
}
