// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.model;

import io.qss.c37sim.frame.Analog;
import io.qss.c37sim.frame.DataFormat;
import io.qss.c37sim.frame.Phasor;
import io.qss.c37sim.frame.PmuConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's channel layout: names, kinds and integer scales of a PMU with a given number of phasors, analogs
 * and digital words. Scales leave headroom so integer data never saturates: one voltage step is 0.25 V (7.2 kV
 * line-to-neutral nominal), one current step 0.01 A (200 A nominal), one analog step 0.01.
 */
public final class Channels {
    /** Nominal line-to-neutral voltage, V. */
    public static final double VOLTAGE_NOMINAL = 7200;
    /** Nominal current, A. */
    public static final double CURRENT_NOMINAL = 200;

    private static final int VOLTAGE_SCALE = 25_000;
    private static final int CURRENT_SCALE = 1_000;
    private static final int ANALOG_SCALE = 1_000;
    private static final String[] PHASES = {"A", "B", "C"};
    private static final String[] ANALOG_NAMES = {"TEMP", "DCV", "THD", "P_MW"};
    private static final double[] ANALOG_BASES = {25, 125, 2.5, 50};

    private Channels() {}

    /**
     * A PMU's configuration: {@code phasors} phasors (voltages first: 4 gives VA VB VC IA, 6 gives VA VB VC IA IB
     * IC), {@code analogs} analogs and {@code digitals} digital words.
     */
    public static PmuConfig pmu(
            String station, int idcode, DataFormat format, int phasors, int analogs, int digitals, int fnom) {
        return new PmuConfig(station, idcode, format, phasors(phasors), analogs(analogs), digitals, fnom, 1);
    }

    static List<Phasor> phasors(int count) {
        int voltages = count <= 3 ? count : Math.max(3, (count + 1) / 2);
        List<Phasor> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean isCurrent = i >= voltages;
            int index = isCurrent ? i - voltages : i;
            String name =
                    (isCurrent ? "I" : "V") + PHASES[index % 3] + (index >= 3 ? String.valueOf(index / 3 + 1) : "");
            list.add(new Phasor(name, isCurrent, isCurrent ? CURRENT_SCALE : VOLTAGE_SCALE));
        }
        return list;
    }

    static List<Analog> analogs(int count) {
        List<Analog> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = i < ANALOG_NAMES.length ? ANALOG_NAMES[i] : "AN" + (i + 1);
            list.add(new Analog(name, 1, ANALOG_SCALE));
        }
        return list;
    }

    /** The value around which analog {@code index} moves. */
    static double analogBase(int index) {
        return index < ANALOG_BASES.length ? ANALOG_BASES[index] : 10 + index;
    }
}
