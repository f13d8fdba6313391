// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes C37.118 frames (big-endian, CRC-CCITT trailer): configuration (CFG-1, CFG-2, CFG-3), data, header and
 * command frames. Stateless and thread-safe.
 */
public final class FrameEncoder {
    /** SYNC, FRAMESIZE, IDCODE, SOC, FRACSEC. */
    public static final int HEADER_BYTES = 14;
    /** A command frame's size: header, CMD, CHK. */
    public static final int COMMAND_BYTES = 18;

    private FrameEncoder() {}

    /** A CFG-1 or CFG-2 frame of {@code config} stamped {@code soc}/{@code fracsec}. */
    public static byte[] config(FrameType type, StreamConfig config, long soc, int fracsec) {
        if (type != FrameType.CFG1 && type != FrameType.CFG2) {
            throw new IllegalArgumentException("not a CFG-1/CFG-2 frame type [type=" + type + "]");
        }
        int size = config.configFrameBytes();
        ByteBuffer out = ByteBuffer.allocate(size);
        putHeader(out, type.sync(config.version()), size, config.idcode(), soc, fracsec);
        out.putInt(config.timeBase());
        out.putShort((short) config.pmus().size());
        for (PmuConfig pmu : config.pmus()) {
            putPmuConfig(out, pmu);
        }
        out.putShort((short) config.dataRate());
        putCrc(out, 0);
        return out.array();
    }

    /** A CFG-3 frame (C37.118.2-2011, version 2 only) of {@code config}, in one piece (CONT_IDX 0). */
    public static byte[] config3(StreamConfig config, long soc, int fracsec) {
        return Config3Writer.write(config, soc, fracsec);
    }

    /**
     * Appends one data frame to {@code out}: one block per PMU of {@code config}, from {@code samples} in the same
     * order.
     */
    public static void data(ByteBuffer out, StreamConfig config, long soc, int fracsec, List<PmuSample> samples) {
        if (samples.size() != config.pmus().size()) {
            throw new IllegalArgumentException("one sample per PMU needed [idcode=" + config.idcode() + ", pmus="
                    + config.pmus().size() + ", samples=" + samples.size() + "]");
        }
        int start = out.position();
        putHeader(out, FrameType.DATA.sync(config.version()), config.dataFrameBytes(), config.idcode(), soc, fracsec);
        for (int i = 0; i < samples.size(); i++) {
            putPmuData(out, config.pmus().get(i), samples.get(i));
        }
        putCrc(out, start);
    }

    /** A data frame as a byte array. */
    public static byte[] data(StreamConfig config, long soc, int fracsec, List<PmuSample> samples) {
        ByteBuffer out = ByteBuffer.allocate(config.dataFrameBytes());
        data(out, config, soc, fracsec, samples);
        return out.array();
    }

    /** A header frame carrying {@code text} (ASCII). */
    public static byte[] header(int idcode, int version, long soc, int fracsec, String text) {
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        int size = HEADER_BYTES + body.length + 2;
        checkSize(size, idcode);
        ByteBuffer out = ByteBuffer.allocate(size);
        putHeader(out, FrameType.HEADER.sync(version), size, idcode, soc, fracsec);
        out.put(body);
        putCrc(out, 0);
        return out.array();
    }

    /** A command frame ({@link Command}) addressed to {@code idcode}. */
    public static byte[] command(int idcode, int version, long soc, int fracsec, Command command) {
        ByteBuffer out = ByteBuffer.allocate(COMMAND_BYTES);
        putHeader(out, FrameType.COMMAND.sync(version), COMMAND_BYTES, idcode, soc, fracsec);
        out.putShort((short) command.code());
        putCrc(out, 0);
        return out.array();
    }

    static void putHeader(ByteBuffer out, int sync, int size, int idcode, long soc, int fracsec) {
        out.putShort((short) sync);
        out.putShort((short) size);
        out.putShort((short) idcode);
        out.putInt((int) soc);
        out.putInt(fracsec);
    }

    /** Writes the CRC of the bytes from {@code start} to the current position. */
    static void putCrc(ByteBuffer out, int start) {
        int crc = out.hasArray()
                ? Crc16Ccitt.of(out.array(), out.arrayOffset() + start, out.position() - start)
                : Crc16Ccitt.of(out, start, out.position());
        out.putShort((short) crc);
    }

    static void checkSize(int size, int idcode) {
        if (size > 0xFFFF) {
            throw new IllegalArgumentException(
                    "frame larger than FRAMESIZE allows [idcode=" + idcode + ", bytes=" + size + ", max=65535]");
        }
    }

    private static void putPmuConfig(ByteBuffer out, PmuConfig pmu) {
        ChannelNames.put(out, pmu.station());
        out.putShort((short) pmu.idcode());
        out.putShort((short) pmu.format().bits());
        out.putShort((short) pmu.phasors().size());
        out.putShort((short) pmu.analogs().size());
        out.putShort((short) pmu.digitalWords());
        pmu.phasors().forEach(p -> ChannelNames.put(out, p.name()));
        pmu.analogs().forEach(a -> ChannelNames.put(out, a.name()));
        for (int word = 0; word < pmu.digitalWords(); word++) {
            for (int bit = 0; bit < 16; bit++) {
                ChannelNames.put(out, pmu.digitalName(word, bit));
            }
        }
        pmu.phasors().forEach(p -> out.putInt(p.phunit()));
        pmu.analogs().forEach(a -> out.putInt(a.anunit()));
        for (int word = 0; word < pmu.digitalWords(); word++) {
            out.putInt(0x0000FFFF); // DIGUNIT: normal state 0, every bit valid
        }
        out.putShort((short) (pmu.fnom() == 50 ? 1 : 0));
        out.putShort((short) pmu.cfgcnt());
    }

    private static void putPmuData(ByteBuffer out, PmuConfig pmu, PmuSample sample) {
        putPmuData(
                out,
                pmu,
                sample.stat(),
                sample.magnitude(),
                sample.angle(),
                sample.freq(),
                sample.dfreq(),
                sample.analog(),
                sample.digital());
    }

    /** One PMU's block of a data frame: STAT, phasors, FREQ, DFREQ, analogs, digital words. */
    static void putPmuData(
            ByteBuffer out,
            PmuConfig pmu,
            int stat,
            double[] magnitude,
            double[] angle,
            double freq,
            double dfreq,
            double[] analog,
            int[] digital) {
        DataFormat format = pmu.format();
        out.putShort((short) stat);
        for (int i = 0; i < pmu.phasors().size(); i++) {
            putPhasor(out, format, pmu.phasors().get(i).step(), magnitude[i], angle[i]);
        }
        if (format.isFreqFloat()) {
            out.putFloat((float) freq);
            out.putFloat((float) dfreq);
        } else {
            out.putShort((short) Quantizer.freq(freq, pmu.fnom()));
            out.putShort((short) Quantizer.dfreq(dfreq));
        }
        for (int i = 0; i < pmu.analogs().size(); i++) {
            if (format.isAnalogFloat()) {
                out.putFloat((float) analog[i]);
            } else {
                out.putShort(
                        (short) Quantizer.analog(analog[i], pmu.analogs().get(i).step()));
            }
        }
        for (int i = 0; i < pmu.digitalWords(); i++) {
            out.putShort((short) digital[i]);
        }
    }

    private static void putPhasor(ByteBuffer out, DataFormat format, double step, double magnitude, double angle) {
        if (format.isPolar()) {
            if (format.isPhasorFloat()) {
                out.putFloat((float) magnitude);
                out.putFloat((float) angle);
            } else {
                out.putShort((short) Quantizer.magnitude(magnitude, step));
                out.putShort((short) Quantizer.angle(angle));
            }
        } else {
            double real = magnitude * Math.cos(angle);
            double imaginary = magnitude * Math.sin(angle);
            if (format.isPhasorFloat()) {
                out.putFloat((float) real);
                out.putFloat((float) imaginary);
            } else {
                out.putShort((short) Quantizer.component(real, step));
                out.putShort((short) Quantizer.component(imaginary, step));
            }
        }
    }
}
