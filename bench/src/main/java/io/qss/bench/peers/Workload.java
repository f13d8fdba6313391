// SPDX-License-Identifier: Apache-2.0
package io.qss.bench.peers;

import io.qss.dat.DatRecordData;
import io.qss.dat.DatStream;
import io.qss.dat.tools.sim.SyntheticDat;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import java.util.List;

/**
 * The data every system receives, generated once before any clock starts: uPMU-shaped streams (devices x 13
 * channels, float32 from the project's uPMU simulator with its voltage sags) and one long L1MAG stream. Sample i
 * of a stream starting at second s is at {@code s * 1e9 + round(i * 1e9 / 120)} ns.
 */
final class Workload {

    static final int RATE = 120;
    /** 2026-01-01T00:00:00Z. */
    static final long START_SECOND = 1_767_225_600L;

    static final List<DatStream> CHANNELS = DatStream.streams(false);
    static final int DEVICES = 2;

    final int hours;
    final int days;
    /** [device][channel ordinal][sample]; LSTATE holds the status word as a float. */
    final float[][][] upmu;

    final float[] span;

    private Workload(int hours, int days, float[][][] upmu, float[] span) {
        this.hours = hours;
        this.days = days;
        this.upmu = upmu;
        this.span = span;
    }

    static Workload generate(int hours, int days) {
        float[][][] upmu = new float[DEVICES][][];
        for (int d = 0; d < DEVICES; d++) {
            upmu[d] = channels(d, hours * 3600L, false);
        }
        return new Workload(hours, days, upmu, channels(100, days * 86_400L, true)[DatStream.L1MAG.ordinal()]);
    }

    static long time(long sample) {
        return START_SECOND * 1_000_000_000L + Math.round(sample * (1e9 / RATE));
    }

    static String serial(int device) {
        return SyntheticDat.simulatedSerial(device);
    }

    int upmuSamples() {
        return upmu[0][0].length;
    }

    long upmuPoints() {
        return (long) DEVICES * CHANNELS.size() * upmuSamples();
    }

    long spanPoints() {
        return span.length;
    }

    /** First sample time after the long stream, its exclusive end. */
    long spanEnd() {
        return time(span.length);
    }

    /**
     * The record values of {@code seconds} seconds of one simulated device, flattened per channel; only L1MAG when
     * {@code isOnlyL1}, the others left null.
     */
    private static float[][] channels(long seed, long seconds, boolean isOnlyL1) {
        SyntheticDat sim = SyntheticDats.generator(SyntheticDatOptions.of(seed, false));
        int samples = Math.toIntExact(seconds * RATE);
        float[][] out = new float[CHANNELS.size()][];
        for (DatStream c : CHANNELS) {
            if (!isOnlyL1 || c == DatStream.L1MAG) {
                out[c.ordinal()] = new float[samples];
            }
        }
        for (long s = 0; s < seconds; s++) {
            DatRecordData record = sim.nextRecord(START_SECOND + s);
            int at = (int) (s * RATE);
            for (DatStream c : CHANNELS) {
                if (out[c.ordinal()] == null) {
                    continue;
                }
                if (c.isStatus()) {
                    for (int i = 0; i < RATE; i++) {
                        out[c.ordinal()][at + i] = record.status()[i];
                    }
                } else {
                    System.arraycopy(record.values()[c.ordinal()], 0, out[c.ordinal()], at, RATE);
                }
            }
        }
        return out;
    }
}
