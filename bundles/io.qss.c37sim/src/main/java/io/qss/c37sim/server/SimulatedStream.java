// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.server;

import io.qss.c37sim.frame.DataFrameWriter;
import io.qss.c37sim.frame.PmuValues;
import io.qss.c37sim.frame.StreamConfig;
import io.qss.c37sim.model.SignalModel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One data stream of the simulator (a PMU's, or the PDC's), the models of its PMUs and the clients it transmits to.
 * Its data frames are written into one reusable buffer (see {@link DataFrameWriter}). Confined to the server's thread.
 */
final class SimulatedStream {
    /** STAT bit 10: the configuration changed. */
    static final int STAT_CONFIG_CHANGE = 0x0400;

    private final SignalModel[] models;
    private final PmuValues[] values;
    private final List<Connection> receivers = new ArrayList<>();
    private DataFrameWriter writer;
    private long configChangeFlagUntil = Long.MIN_VALUE;

    SimulatedStream(StreamConfig config, long seed) {
        writer = new DataFrameWriter(config);
        models = config.pmus().stream().map(pmu -> new SignalModel(seed, pmu)).toArray(SignalModel[]::new);
        values = config.pmus().stream().map(PmuValues::new).toArray(PmuValues[]::new);
    }

    StreamConfig config() {
        return writer.config();
    }

    List<Connection> receivers() {
        return receivers;
    }

    /** Increases every CFGCNT; data frames carry STAT bit 10 until {@code flagUntilSoc}. */
    void changeConfig(long flagUntilSoc) {
        writer = new DataFrameWriter(writer.config().changed());
        configChangeFlagUntil = flagUntilSoc;
    }

    /**
     * The data frame of second {@code soc}, fraction {@code fraction}: a buffer from position 0 to the frame's end,
     * overwritten by the next call.
     */
    ByteBuffer dataFrame(long soc, int fraction, int fracsec) {
        int stat = soc < configChangeFlagUntil ? STAT_CONFIG_CHANGE : 0;
        int timeBase = writer.config().timeBase();
        for (int i = 0; i < models.length; i++) {
            models[i].sample(soc, fraction, timeBase, values[i]);
        }
        return writer.write(soc, fracsec, stat, values);
    }
}
