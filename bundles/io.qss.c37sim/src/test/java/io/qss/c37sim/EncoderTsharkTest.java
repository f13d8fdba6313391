// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.c37sim.frame.Command;
import io.qss.c37sim.frame.DataFormat;
import io.qss.c37sim.frame.FrameEncoder;
import io.qss.c37sim.frame.FrameTime;
import io.qss.c37sim.frame.FrameType;
import io.qss.c37sim.frame.PmuConfig;
import io.qss.c37sim.frame.PmuSample;
import io.qss.c37sim.frame.Quantizer;
import io.qss.c37sim.frame.StreamConfig;
import io.qss.c37sim.model.Channels;
import io.qss.c37sim.model.SignalModel;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's C37.118 dissector, an implementation independent of ours, must decode every field of the frames the
 * simulator writes to the values the signal model produced: every FORMAT combination (one PDC stream of 16 PMUs,
 * one per FORMAT word), versions 1 and 2, two time bases, header and command frames.
 */
class EncoderTsharkTest {
    private static final long SOC = 1_700_000_000L;
    private static final Pattern PHASOR = Pattern.compile(
            "Phasor #\\d+: \"(.*)\",\\s*(-?[\\d.]+)([VA]) ∠\\s*(-?[\\d.]+)° alt\\s*(-?[\\d.]+)\\+j\\s*(-?[\\d.]+)[VA]"
                    + "(?:; unscaled:\\s*(-?\\d+),\\s*(-?\\d+))?");
    private static final Pattern ANALOG = Pattern.compile("Analog value #\\d+: \".*\", (-?[\\d.]+)");
    private static final DateTimeFormatter SOC_TEXT = DateTimeFormatter.ofPattern(
                    "MMM d, yyyy HH:mm:ss.SSSSSSSSS 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static String tshark;

    @TempDir
    Path dir;

    @BeforeAll
    static void findTshark() {
        tshark = Tshark.find();
        if (tshark == null) {
            System.out.println("EncoderTsharkTest skipped: tshark is not installed (./qss deps installs it)");
        }
        Assumptions.assumeTrue(tshark != null, "tshark is not installed");
    }

    @Test
    void everyFormatOfAPdcStreamDecodesToTheModelValues() throws Exception {
        List<PmuConfig> pmus = new ArrayList<>();
        for (int bits = 0; bits < 16; bits++) {
            pmus.add(Channels.pmu(
                    "PMU F" + bits, 100 + bits, DataFormat.ofBits(bits), 4, 2, 1, bits % 2 == 0 ? 60 : 50));
        }
        checkStream(new StreamConfig(99, 2, 1_000_000, 60, pmus), 120);
    }

    @Test
    void versionOneWithAnotherTimeBaseAndMoreChannelsDecodes() throws Exception {
        PmuConfig pmu = Channels.pmu("OLD PMU", 241, DataFormat.INT_POLAR, 6, 3, 2, 60);
        checkStream(new StreamConfig(241, 1, 1000, 30, List.of(pmu)), 60);
    }

    @Test
    void cfg3DescribesAPdcStreamThatDecodes() throws Exception {
        List<PmuConfig> pmus = List.of(
                Channels.pmu("CFG3 INT", 301, DataFormat.INT_POLAR, 4, 2, 1, 60),
                Channels.pmu("CFG3 RECT", 302, DataFormat.ofBits(0), 6, 1, 2, 50),
                Channels.pmu("CFG3 FLOAT", 303, DataFormat.FLOAT_POLAR, 3, 0, 0, 60));
        checkStream(new StreamConfig(300, 2, 1_000_000, 50, pmus), 100, FrameType.CFG3);
    }

    private void checkStream(StreamConfig config, int frames) throws Exception {
        checkStream(config, frames, FrameType.CFG2);
    }

    private void checkStream(StreamConfig config, int frames, FrameType configType) throws Exception {
        Path pcap = dir.resolve("stream.pcap");
        List<SignalModel> models =
                config.pmus().stream().map(p -> new SignalModel(42, p)).toList();
        List<List<PmuSample>> sent = new ArrayList<>();
        List<Integer> fracsecs = new ArrayList<>();
        try (PcapWriter out = new PcapWriter(pcap, SOC * 1_000_000)) {
            out.fromPmu(
                    configType == FrameType.CFG3
                            ? FrameEncoder.config3(config, SOC, 0)
                            : FrameEncoder.config(configType, config, SOC, 0));
            for (int k = 0; k < frames; k++) {
                long soc = SOC + k / config.dataRate();
                int fraction = FrameTime.fraction(k % config.dataRate(), config.dataRate(), config.timeBase());
                List<PmuSample> samples = models.stream()
                        .map(m -> m.sample(soc, fraction, config.timeBase()))
                        .toList();
                int fracsec = FrameTime.fracsec(fraction, k % 16);
                out.fromPmu(FrameEncoder.data(config, soc, fracsec, samples));
                sent.add(samples);
                fracsecs.add(fracsec);
            }
            out.fromPmu(FrameEncoder.header(config.idcode(), config.version(), SOC + 5, 0, "qss-c37 simulator"));
            out.fromPmu(FrameEncoder.command(config.idcode(), config.version(), SOC + 5, 0, Command.SEND_CFG2));
        }
        List<List<Tshark.Field>> decoded = Tshark.frames(tshark, pcap);
        assertEquals(frames + 3, decoded.size(), "frames tshark sees");
        if (configType == FrameType.CFG3) {
            checkConfig3(config, decoded.get(0));
        } else {
            checkConfig(config, decoded.get(0));
        }
        for (int k = 0; k < frames; k++) {
            List<Tshark.Field> fields = decoded.get(k + 1);
            checkHeader(config, FrameType.DATA, SOC + k / config.dataRate(), fracsecs.get(k), fields);
            checkData(config, sent.get(k), fields, "frame " + k, configType == FrameType.CFG3);
        }
        List<Tshark.Field> header = decoded.get(frames + 1);
        checkHeader(config, FrameType.HEADER, SOC + 5, 0, header);
        List<Tshark.Field> command = decoded.get(frames + 2);
        checkHeader(config, FrameType.COMMAND, SOC + 5, 0, command);
        assertTrue(field(command, "synphasor.command").showname().contains("(0x0005)"), "CMD send CFG-2");
    }

    private static void checkHeader(
            StreamConfig config, FrameType type, long soc, int fracsec, List<Tshark.Field> fields) {
        assertEquals("0x" + Integer.toHexString(type.sync(config.version())), show(fields, "synphasor.sync"));
        assertEquals(String.valueOf(config.idcode()), show(fields, "synphasor.idcode_stream_source"));
        assertEquals(SOC_TEXT.format(Instant.ofEpochSecond(soc)), show(fields, "synphasor.soc"));
        assertEquals(String.valueOf(FrameTime.fractionOf(fracsec)), show(fields, "synphasor.fracsec_raw"));
        assertEquals(String.format("0x%02x", (fracsec >>> 24) & 0xF), show(fields, "synphasor.timeqal.timequalindic"));
        assertEquals("1", show(fields, "synphasor.checksum.status"), "CRC correct");
    }

    private static void checkConfig(StreamConfig config, List<Tshark.Field> fields) {
        checkHeader(config, FrameType.CFG2, SOC, 0, fields);
        assertEquals(String.valueOf(config.timeBase()), show(fields, "synphasor.conf.timebase"));
        assertEquals(String.valueOf(config.pmus().size()), show(fields, "synphasor.conf.numpmu"));
        Iterator<Tshark.Field> stations =
                fields.stream().filter(f -> f.show().startsWith("Station #")).iterator();
        Iterator<Tshark.Field> ids = named(fields, "synphasor.idcode_data_source");
        Iterator<Tshark.Field> names = named(fields, "synphasor.channel_name");
        Iterator<Tshark.Field> cfgcnts = named(fields, "synphasor.conf.cfgcnt");
        for (PmuConfig pmu : config.pmus()) {
            assertTrue(stations.next().show().contains("\"" + String.format("%-16s", pmu.station()) + "\""));
            assertEquals(String.valueOf(pmu.idcode()), ids.next().show());
            assertEquals(String.valueOf(pmu.cfgcnt()), cfgcnts.next().show());
            for (var phasor : pmu.phasors()) {
                assertEquals(String.format("%-16s", phasor.name()), names.next().show());
            }
            for (var analog : pmu.analogs()) {
                assertEquals(String.format("%-16s", analog.name()), names.next().show());
            }
            for (int word = 0; word < pmu.digitalWords(); word++) {
                for (int bit = 0; bit < 16; bit++) {
                    assertEquals(
                            String.format("%-16s", pmu.digitalName(word, bit)),
                            names.next().show());
                }
            }
        }
        assertTrue(field(fields, "synphasor.rate_of_transmission")
                .showname()
                .contains(config.dataRate() + " frame(s) per second"));
    }

    private static void checkConfig3(StreamConfig config, List<Tshark.Field> fields) {
        checkHeader(config, FrameType.CFG3, SOC, 0, fields);
        assertEquals("0", show(fields, "synphasor.conf.contindx"));
        assertEquals(String.valueOf(config.timeBase()), show(fields, "synphasor.conf.timebase"));
        assertEquals(String.valueOf(config.pmus().size()), show(fields, "synphasor.conf.numpmu"));
        Iterator<Tshark.Field> stations = named(fields, "synphasor.station_name");
        Iterator<Tshark.Field> ids = named(fields, "synphasor.idcode_data_source");
        Iterator<Tshark.Field> names = named(fields, "synphasor.conf.chnam");
        Iterator<Tshark.Field> phasorScales = named(fields, "synphasor.conf.phasor_scale_factor");
        Iterator<Tshark.Field> phasorTypes = named(fields, "synphasor.conf.phasor_type");
        Iterator<Tshark.Field> analogScales = named(fields, "synphasor.conf.analog_scale_factor");
        Iterator<Tshark.Field> cfgcnts = named(fields, "synphasor.conf.cfgcnt");
        Iterator<Tshark.Field> fnoms = named(fields, "synphasor.conf.fnom");
        for (PmuConfig pmu : config.pmus()) {
            assertEquals(pmu.station(), stations.next().show());
            assertEquals(String.valueOf(pmu.idcode()), ids.next().show());
            for (var phasor : pmu.phasors()) {
                assertEquals(phasor.name(), names.next().show());
            }
            for (var analog : pmu.analogs()) {
                assertEquals(analog.name(), names.next().show());
            }
            for (int word = 0; word < pmu.digitalWords(); word++) {
                for (int bit = 0; bit < 16; bit++) {
                    assertEquals(pmu.digitalName(word, bit), names.next().show());
                }
            }
            for (var phasor : pmu.phasors()) {
                assertEquals(
                        phasor.step(), Double.parseDouble(phasorScales.next().show()), 1e-9);
                assertTrue(phasorTypes.next().showname().endsWith(phasor.isCurrent() ? "Current" : "Voltage"));
            }
            for (var analog : pmu.analogs()) {
                assertEquals(
                        analog.step(), Double.parseDouble(analogScales.next().show()), 1e-9);
            }
            assertTrue(fnoms.next().showname().endsWith(pmu.fnom() + "Hz"));
            assertEquals(String.valueOf(pmu.cfgcnt()), cfgcnts.next().show());
        }
        assertTrue(field(fields, "synphasor.rate_of_transmission")
                .showname()
                .contains(config.dataRate() + " frame(s) per second"));
    }

    /** With a CFG-3, tshark scales integer analogs by ANSCALE; with CFG-1/2 it shows the raw integer. */
    private static void checkData(
            StreamConfig config,
            List<PmuSample> samples,
            List<Tshark.Field> fields,
            String where,
            boolean isAnalogScaled) {
        Iterator<Tshark.Field> flags =
                fields.stream().filter(f -> f.show().equals("Flags")).iterator();
        Iterator<Tshark.Field> phasors = named(fields, "synphasor.phasor");
        Iterator<Tshark.Field> freqs = fields.stream()
                .filter(f -> f.name().equals("synphasor.frequency_deviation_from_nominal")
                        || f.name().equals("synphasor.actual_frequency_value"))
                .iterator();
        Iterator<Tshark.Field> dfreqs = named(fields, "synphasor.rate_change_frequency");
        Iterator<Tshark.Field> analogs = named(fields, "synphasor.analog_value");
        Iterator<Tshark.Field> digitals = named(fields, "synphasor.digital_status_word");
        for (int p = 0; p < config.pmus().size(); p++) {
            PmuConfig pmu = config.pmus().get(p);
            PmuSample sample = samples.get(p);
            String at =
                    where + " pmu " + pmu.idcode() + " format " + pmu.format().bits();
            assertEquals(String.format("%04x", sample.stat()), flags.next().value(), at + " STAT");
            for (int i = 0; i < pmu.phasors().size(); i++) {
                checkPhasor(pmu, i, sample, phasors.next().showname(), at + " phasor " + i);
            }
            Tshark.Field freq = freqs.next();
            Tshark.Field dfreq = dfreqs.next();
            if (pmu.format().isFreqFloat()) {
                assertEquals(sample.freq(), Double.parseDouble(freq.show()), 0.0005 + 1e-6 * sample.freq(), at);
                assertEquals(
                        sample.dfreq(), Double.parseDouble(dfreq.show()), 1e-5 * Math.abs(sample.dfreq()) + 1e-9, at);
            } else {
                assertEquals(Quantizer.freq(sample.freq(), pmu.fnom()), Integer.parseInt(freq.show()), at + " FREQ");
                assertEquals(
                        Quantizer.dfreq(sample.dfreq()) / 100.0, Double.parseDouble(dfreq.show()), 1e-9, at + " DFREQ");
            }
            for (int i = 0; i < pmu.analogs().size(); i++) {
                Matcher m = matcher(ANALOG, analogs.next().showname(), at);
                double step = pmu.analogs().get(i).step();
                double expected = pmu.format().isAnalogFloat()
                        ? sample.analog()[i]
                        : Quantizer.analog(sample.analog()[i], step) * (isAnalogScaled ? step : 1);
                assertEquals(
                        expected,
                        Double.parseDouble(m.group(1)),
                        0.0005 + 1e-6 * Math.abs(expected),
                        at + " analog " + i);
            }
            for (int i = 0; i < pmu.digitalWords(); i++) {
                assertEquals(
                        String.format("0x%04x", sample.digital()[i]),
                        digitals.next().show(),
                        at + " digital");
            }
        }
    }

    private static void checkPhasor(PmuConfig pmu, int i, PmuSample sample, String label, String at) {
        Matcher m = matcher(PHASOR, label, at);
        var channel = pmu.phasors().get(i);
        assertEquals(channel.name(), m.group(1).trim(), at);
        assertEquals(channel.isCurrent() ? "A" : "V", m.group(3), at + " unit");
        double magnitude = sample.magnitude()[i];
        double angle = sample.angle()[i];
        double real = magnitude * Math.cos(angle);
        double imaginary = magnitude * Math.sin(angle);
        double step = channel.step();
        if (pmu.format().isPhasorFloat()) {
            double tolerance = 0.0005 + 1e-6 * magnitude;
            assertEquals(magnitude, Double.parseDouble(m.group(2)), tolerance, at + " magnitude");
            assertEquals(Math.toDegrees(angle), Double.parseDouble(m.group(4)), 0.0006, at + " angle");
            assertEquals(real, Double.parseDouble(m.group(5)), tolerance, at + " real");
            assertEquals(imaginary, Double.parseDouble(m.group(6)), tolerance, at + " imaginary");
        } else if (pmu.format().isPolar()) {
            assertEquals(Quantizer.magnitude(magnitude, step), Integer.parseInt(m.group(7)), at + " magnitude");
            assertEquals(Quantizer.angle(angle), Integer.parseInt(m.group(8)), at + " angle");
            assertEquals(magnitude, Double.parseDouble(m.group(2)), step / 2 + 0.0005, at + " scaled magnitude");
            assertEquals(
                    Math.toDegrees(angle),
                    Double.parseDouble(m.group(4)),
                    Math.toDegrees(0.5e-4) + 0.0005,
                    at + " scaled angle");
        } else {
            assertEquals(Quantizer.component(real, step), Integer.parseInt(m.group(7)), at + " real");
            assertEquals(Quantizer.component(imaginary, step), Integer.parseInt(m.group(8)), at + " imaginary");
            assertEquals(real, Double.parseDouble(m.group(5)), step / 2 + 0.0005, at + " scaled real");
            assertEquals(imaginary, Double.parseDouble(m.group(6)), step / 2 + 0.0005, at + " scaled imaginary");
        }
    }

    private static Matcher matcher(Pattern pattern, String text, String at) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), at + ": tshark wrote [" + text + "]");
        return m;
    }

    private static Iterator<Tshark.Field> named(List<Tshark.Field> fields, String name) {
        return fields.stream().filter(f -> f.name().equals(name)).iterator();
    }

    private static Tshark.Field field(List<Tshark.Field> fields, String name) {
        return fields.stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("tshark gave no field [name=" + name + "]"));
    }

    private static String show(List<Tshark.Field> fields, String name) {
        return field(fields, name).show();
    }
}
