// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Reads what src/test/sh/tshark-golden.sh prints: the data frames as Wireshark's dissector decoded them. */
public final class TsharkGolden {

    private static final DateTimeFormatter SOC =
            DateTimeFormatter.ofPattern("MMM ppd, yyyy HH:mm:ss.SSSSSSSSS 'UTC'", Locale.US);

    private TsharkGolden() {}

    /** One data frame; {@code timeQuality} holds the bits tshark shows (6..0). */
    public record Frame(int idcode, long soc, int fraction, int timeQuality, List<Station> stations) {

        String key() {
            return idcode + "@" + soc + "+" + fraction;
        }
    }

    /** One PMU block of a data frame. */
    public static final class Station {
        public final String name;
        public int stat;
        public final List<double[]> phasors = new ArrayList<>();
        public double frequency = Double.NaN;
        public double dfreq = Double.NaN;
        public final List<Double> analogs = new ArrayList<>();
        public final List<Integer> digitals = new ArrayList<>();

        Station(String name) {
            this.name = name;
        }
    }

    /** The frames of a gzipped golden file. */
    public static List<Frame> load(Path gzipped) throws IOException {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(gzipped)), StandardCharsets.UTF_8))) {
            return read(in);
        }
    }

    public static List<Frame> read(BufferedReader in) throws IOException {
        List<Frame> frames = new ArrayList<>();
        int timeQuality = 0;
        Station station = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String value = line.substring(2);
            switch (line.charAt(0)) {
                case 'q' -> timeQuality |= bits(value);
                case 'D' -> {
                    String[] parts = value.split("\\|");
                    long soc = LocalDateTime.parse(parts[1], SOC).toEpochSecond(ZoneOffset.UTC);
                    frames.add(new Frame(
                            Integer.parseInt(parts[0]),
                            soc,
                            Integer.parseInt(parts[2]),
                            timeQuality,
                            new ArrayList<>()));
                    timeQuality = 0;
                }
                case 'S' -> {
                    station = new Station(value);
                    frames.get(frames.size() - 1).stations().add(station);
                }
                case 'b' -> station.stat |= bits(value);
                case 'P' -> {
                    String[] parts = value.trim().split(" +");
                    station.phasors.add(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
                }
                case 'F' -> station.frequency = Double.parseDouble(value);
                case 'R' -> station.dfreq = Double.parseDouble(value);
                case 'A' -> station.analogs.add(Double.parseDouble(value));
                case 'W' -> station.digitals.add(Integer.decode(value));
                default -> throw new IOException("golden line unknown [line=" + line + "]");
            }
        }
        return frames;
    }

    /** The bits a pattern such as {@code .... 1... .... ....} sets. */
    private static int bits(String pattern) {
        String digits = pattern.replace(" ", "");
        int value = 0;
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) == '1') {
                value |= 1 << (digits.length() - 1 - i);
            }
        }
        return value;
    }
}
