// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.server;

import io.qss.c37sim.frame.FrameEncoder;
import io.qss.c37sim.frame.PmuSample;
import io.qss.c37sim.frame.StreamConfig;
import io.qss.c37sim.model.SignalModel;
import java.util.ArrayList;
import java.util.List;

/**
 * One data stream of the simulator (a PMU's, or the PDC's), the models of its PMUs and the clients it transmits to.
 * Confined to the server's thread.
 */
final class SimulatedStream {
    /** STAT bit 10: the configuration changed. */
    static final int STAT_CONFIG_CHANGE = 0x0400;

    private final List<SignalModel> models;
    private final List<Connection> receivers = new ArrayList<>();
    private StreamConfig config;
    private long configChangeFlagUntil = Long.MIN_VALUE;

    SimulatedStream(StreamConfig config, long seed) {
        this.config = config;
        this.models =
                config.pmus().stream().map(pmu -> new SignalModel(seed, pmu)).toList();
    }

    StreamConfig config() {
        return config;
    }

    List<Connection> receivers() {
        return receivers;
    }

    /** Increases every CFGCNT; data frames carry STAT bit 10 until {@code flagUntilSoc}. */
    void changeConfig(long flagUntilSoc) {
        config = config.changed();
        configChangeFlagUntil = flagUntilSoc;
    }

    /** The data frame of second {@code soc}, fraction {@code fraction}. */
    byte[] dataFrame(long soc, int fraction, int fracsec) {
        int stat = soc < configChangeFlagUntil ? STAT_CONFIG_CHANGE : 0;
        List<PmuSample> samples = new ArrayList<>(models.size());
        for (SignalModel model : models) {
            PmuSample sample = model.sample(soc, fraction, config.timeBase());
            samples.add(
                    stat == 0
                            ? sample
                            : new PmuSample(
                                    stat,
                                    sample.magnitude(),
                                    sample.angle(),
                                    sample.freq(),
                                    sample.dfreq(),
                                    sample.analog(),
                                    sample.digital()));
        }
        return FrameEncoder.data(config, soc, fracsec, samples);
    }
}
