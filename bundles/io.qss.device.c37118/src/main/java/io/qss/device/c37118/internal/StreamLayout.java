// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal;

import io.qss.device.StreamSpec;
import io.qss.device.c37118.internal.frame.AnalogChannel;
import io.qss.device.c37118.internal.frame.ConfigFrame;
import io.qss.device.c37118.internal.frame.DataDecoder;
import io.qss.device.c37118.internal.frame.DigitalWord;
import io.qss.device.c37118.internal.frame.PhasorChannel;
import io.qss.device.c37118.internal.frame.PmuConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The streams a configuration frame declares, in the order {@link DataDecoder} writes their values: per PMU (group =
 * station name) {@code <phasor>_MAG} (V or A) and {@code <phasor>_ANG} (deg), {@code FREQ} (Hz), {@code DFREQ}
 * (Hz/s), the analog channels, one stream per digital word, {@code STAT} and {@code TIME_QUALITY}. Names lose
 * {@code /}; blank names get a positional one; a repeated name or station gets {@code _2}, {@code _3}... Immutable.
 */
final class StreamLayout {

    static final String UNIT_NONE = "";

    private final List<StreamSpec> streams;
    private final String[] keys;
    /** The keys as one list instance, which a sink resolves once (see SampleSink.appendColumns). */
    private final List<String> keyList;

    private StreamLayout(List<StreamSpec> streams) {
        this.streams = List.copyOf(streams);
        this.keys = streams.stream().map(StreamSpec::key).toArray(String[]::new);
        this.keyList = List.of(keys);
    }

    static StreamLayout of(ConfigFrame config) {
        List<StreamSpec> streams = new ArrayList<>();
        Set<String> stations = new HashSet<>();
        for (PmuConfig pmu : config.pmus()) {
            String station = unique(clean(pmu.station(), "PMU" + pmu.idcode()), stations);
            streams.addAll(pmuStreams(station, pmu));
        }
        return new StreamLayout(streams);
    }

    /** The streams, in value order. */
    List<StreamSpec> streams() {
        return streams;
    }

    /** The key of the stream of value {@code index}. */
    String key(int index) {
        return keys[index];
    }

    /** Every stream key in column order; the same instance on every call. */
    List<String> keys() {
        return keyList;
    }

    int size() {
        return keys.length;
    }

    private static List<StreamSpec> pmuStreams(String station, PmuConfig pmu) {
        Set<String> names = new HashSet<>();
        List<StreamSpec> streams = new ArrayList<>(DataDecoder.valuesPerPmu(pmu));
        int index = 1;
        for (PhasorChannel phasor : pmu.phasors()) {
            String name = unique(clean(phasor.name(), "PHASOR" + index++), names);
            streams.add(new StreamSpec(station, name + "_MAG", phasor.isCurrent() ? "A" : "V"));
            streams.add(new StreamSpec(station, name + "_ANG", "deg"));
        }
        streams.add(new StreamSpec(station, unique("FREQ", names), "Hz"));
        streams.add(new StreamSpec(station, unique("DFREQ", names), "Hz/s"));
        index = 1;
        for (AnalogChannel analog : pmu.analogs()) {
            streams.add(new StreamSpec(station, unique(clean(analog.name(), "ANALOG" + index++), names), UNIT_NONE));
        }
        index = 1;
        for (DigitalWord word : pmu.digitals()) {
            String fallback = "DIGITAL" + index++;
            streams.add(new StreamSpec(station, unique(clean(word.names().get(0), fallback), names), UNIT_NONE));
        }
        streams.add(new StreamSpec(station, unique("STAT", names), UNIT_NONE));
        streams.add(new StreamSpec(station, unique("TIME_QUALITY", names), UNIT_NONE));
        return streams;
    }

    private static String clean(String name, String fallback) {
        String cleaned = name.replace('/', '_').strip();
        return cleaned.isEmpty() ? fallback : cleaned;
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = name + "_" + n;
        }
        return candidate;
    }
}
