// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal;

import io.qss.device.StreamSpec;
import io.qss.device.c37118.internal.frame.ConfigFrame;
import io.qss.device.c37118.internal.frame.ConfigParser;
import io.qss.device.c37118.internal.frame.FrameFormatException;
import io.qss.device.c37118.internal.frame.FrameScanner;
import io.qss.device.c37118.internal.frame.FrameType;
import io.qss.device.c37118.internal.frame.Frames;
import io.qss.device.c37118.internal.frame.PcapReader;
import io.qss.device.c37118.internal.frame.TsharkGolden;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the device type must store for a shared capture, from Wireshark's golden values: per data frame of one
 * stream, every value with the key and unit of the stream the session declares for it and the frame's time. Used by
 * the socket replay test here and by the distribution's tests (test-jar).
 */
public final class GoldenSamples {

    /** Tshark prints three decimals: a value equals tshark's when within half of the last printed unit. */
    private static final double PRINTED_HALF_UNIT = 0.0005;

    private GoldenSamples() {}

    /** One value tshark decoded: stream {@code key} (as {@link StreamSpec#key()}), its unit, time in ns. */
    public record Sample(String key, String unit, long time, double value) {

        /** Whether {@code actual} equals tshark's value to the printed decimals (angles modulo 360). */
        public boolean matches(double actual) {
            return isEqual(value, actual, key.substring(key.lastIndexOf('/') + 1), unit);
        }
    }

    /**
     * The samples of stream {@code idcode} of a capture: the streams of its last CFG-2 (as the session declares
     * them), the values of the golden file's frames of that IDCODE.
     */
    public static List<Sample> of(Path capture, Path golden, int idcode) throws IOException {
        ConfigFrame config = lastConfig(capture, idcode);
        List<StreamSpec> streams = StreamLayout.of(config).streams();
        List<Sample> samples = new ArrayList<>();
        for (TsharkGolden.Frame frame : TsharkGolden.load(golden)) {
            if (frame.idcode() != idcode) {
                continue;
            }
            long time = Frames.timeNanos(frame.soc(), frame.fraction(), config.timeBase());
            for (TsharkGolden.Station station : frame.stations()) {
                List<StreamSpec> ofStation = streams.stream()
                        .filter(s -> s.group().equals(station.name))
                        .toList();
                List<Double> values = flatten(station, frame.timeQuality());
                if (values.size() != ofStation.size()) {
                    throw new IOException("golden station does not match the configuration [station=" + station.name
                            + ", values=" + values.size() + ", streams=" + ofStation.size() + "]");
                }
                for (int i = 0; i < values.size(); i++) {
                    samples.add(
                            new Sample(ofStation.get(i).key(), ofStation.get(i).unit(), time, values.get(i)));
                }
            }
        }
        return samples;
    }

    /** A station's values in the order the session declares its streams. */
    static List<Double> flatten(TsharkGolden.Station station, int timeQuality) {
        List<Double> values = new ArrayList<>();
        station.phasors.forEach(p -> {
            values.add(p[0]);
            values.add(p[1]);
        });
        values.add(station.frequency);
        values.add(station.dfreq);
        values.addAll(station.analogs);
        station.digitals.forEach(d -> values.add((double) d));
        values.add((double) station.stat);
        values.add((double) timeQuality); // tshark shows bits 6..0; bit 7 is reserved
        return values;
    }

    /** Equal to the three decimals tshark prints; angles modulo 360; time quality without reserved bit 7. */
    static boolean isEqual(double expected, double actual, String name, String unit) {
        if (name.equals("TIME_QUALITY")) {
            return ((int) actual & 0x7F) == expected;
        }
        double difference = unit.equals("deg") ? Math.IEEEremainder(expected - actual, 360) : expected - actual;
        return Math.abs(difference) <= PRINTED_HALF_UNIT * (1 + 1e-9);
    }

    private static ConfigFrame parse(ByteBuffer in, Path capture) throws IOException {
        try {
            return ConfigParser.parse(in, in.position());
        } catch (FrameFormatException e) {
            throw new IOException(
                    "CFG-2 of capture unreadable [capture=" + capture + ", offset=" + in.position() + "]", e);
        }
    }

    private static ConfigFrame lastConfig(Path capture, int idcode) throws IOException {
        ConfigFrame last = null;
        for (PcapReader.Flow flow : PcapReader.read(capture)) {
            for (byte[] chunk : flow.chunks()) {
                ByteBuffer in = ByteBuffer.wrap(chunk);
                FrameScanner scanner = new FrameScanner();
                for (int size = scanner.next(in); size > 0; size = scanner.next(in)) {
                    int start = in.position();
                    if (Frames.type(in, start) == FrameType.CFG2 && Frames.idcode(in, start) == idcode) {
                        last = parse(in, capture);
                    }
                    in.position(in.position() + size);
                }
            }
        }
        if (last == null) {
            throw new IOException("no CFG-2 in capture [capture=" + capture + ", idcode=" + idcode + "]");
        }
        return last;
    }
}
