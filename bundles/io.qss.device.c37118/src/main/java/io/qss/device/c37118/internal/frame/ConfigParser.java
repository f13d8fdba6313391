// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes CFG-1 and CFG-2 frames (fixed 16-byte names, PHUNIT/ANUNIT/DIGUNIT) and CFG-3 frames (length-prefixed
 * names, PHSCALE/ANSCALE floats, location and window fields skipped). Stateless.
 */
public final class ConfigParser {

    private static final int NAME_WIDTH = 16;
    private static final double PHUNIT_STEP = 1e-5;
    private static final int MAX_CHANNELS = 4096;

    private ConfigParser() {}

    /**
     * The configuration in the whole frame at {@code start}, whose CRC the caller checked.
     *
     * @throws FrameFormatException when the frame is no configuration frame or its content does not fit its size
     */
    public static ConfigFrame parse(ByteBuffer b, int start) throws FrameFormatException {
        FrameType type = Frames.type(b, start);
        if (type == null || !type.isConfig()) {
            throw new FrameFormatException("frame is no configuration frame [type=" + type + "]");
        }
        boolean isCfg3 = type == FrameType.CFG3;
        Cursor in = new Cursor(b, start + Frames.HEADER_SIZE, start + Frames.size(b, start) - 2);
        if (isCfg3 && in.u16() != 0) {
            throw new FrameFormatException(
                    "continued CFG-3 frames are not supported [idcode=" + Frames.idcode(b, start) + "]");
        }
        int timeBase = in.s32() & 0xFF_FFFF;
        int pmuCount = in.u16();
        if (timeBase == 0 || pmuCount == 0) {
            throw new FrameFormatException(
                    "configuration frame invalid [timeBase=" + timeBase + ", numPmu=" + pmuCount + "]");
        }
        List<PmuConfig> pmus = new ArrayList<>(pmuCount);
        for (int i = 0; i < pmuCount; i++) {
            pmus.add(isCfg3 ? pmu3(in) : pmu(in));
        }
        int dataRate = (short) in.u16();
        return new ConfigFrame(
                type,
                Frames.version(b, start),
                Frames.idcode(b, start),
                Frames.soc(b, start),
                Frames.fraction(b, start),
                timeBase,
                pmus,
                dataRate);
    }

    private static PmuConfig pmu(Cursor in) throws FrameFormatException {
        Names names = Names.read(in, false);
        List<PhasorChannel> phasors = new ArrayList<>(names.phasors().size());
        for (String name : names.phasors()) {
            int unit = in.s32();
            phasors.add(new PhasorChannel(name, (unit >>> 24) != 0, (unit & 0xFF_FFFF) * PHUNIT_STEP, 0));
        }
        List<AnalogChannel> analogs = new ArrayList<>(names.analogs().size());
        for (String name : names.analogs()) {
            int unit = in.s32();
            analogs.add(new AnalogChannel(name, unit >>> 24, unit << 8 >> 8, 0));
        }
        List<DigitalWord> digitals = digitalWords(in, names.digitals());
        return names.pmu(in, phasors, analogs, digitals);
    }

    private static PmuConfig pmu3(Cursor in) throws FrameFormatException {
        Names names = Names.read(in, true);
        List<PhasorChannel> phasors = new ArrayList<>(names.phasors().size());
        for (String name : names.phasors()) {
            int flags = in.s32();
            float scale = in.f32();
            float angleOffset = in.f32();
            phasors.add(new PhasorChannel(name, (flags & 0x08_00) != 0, scale, angleOffset));
        }
        List<AnalogChannel> analogs = new ArrayList<>(names.analogs().size());
        for (String name : names.analogs()) {
            float scale = in.f32();
            float offset = in.f32();
            analogs.add(new AnalogChannel(name, -1, scale, offset));
        }
        List<DigitalWord> digitals = digitalWords(in, names.digitals());
        in.skip(4 + 4 + 4 + 1 + 4 + 4); // PMU_LAT, PMU_LON, PMU_ELEV, SVC_CLASS, WINDOW, GRP_DLY
        return names.pmu(in, phasors, analogs, digitals);
    }

    private static int count(Cursor in) throws FrameFormatException {
        int count = in.u16();
        if (count > MAX_CHANNELS) {
            throw new FrameFormatException("configuration frame names too many channels [count=" + count + "]");
        }
        return count;
    }

    private static List<String> names(Cursor in, int count, boolean isLengthPrefixed) throws FrameFormatException {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(isLengthPrefixed ? in.lengthPrefixedName() : in.name(NAME_WIDTH));
        }
        return names;
    }

    private static List<DigitalWord> digitalWords(Cursor in, List<String> names) throws FrameFormatException {
        int count = names.size() / 16;
        List<DigitalWord> words = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int normal = in.u16();
            int valid = in.u16();
            words.add(new DigitalWord(names.subList(i * 16, i * 16 + 16), normal, valid));
        }
        return words;
    }

    /** The part of a PMU block before the units: station, ids, FORMAT and the channel names. */
    private record Names(
            String station, int idcode, int format, List<String> phasors, List<String> analogs, List<String> digitals) {

        static Names read(Cursor in, boolean isCfg3) throws FrameFormatException {
            String station = isCfg3 ? in.lengthPrefixedName() : in.name(NAME_WIDTH);
            int idcode = in.u16();
            if (isCfg3) {
                in.skip(16); // G_PMU_ID
            }
            int format = in.u16();
            int phasorCount = count(in);
            int analogCount = count(in);
            int digitalCount = count(in);
            return new Names(
                    station,
                    idcode,
                    format,
                    names(in, phasorCount, isCfg3),
                    names(in, analogCount, isCfg3),
                    names(in, digitalCount * 16, isCfg3));
        }

        /** The PMU, reading FNOM and CFGCNT that end its block. */
        PmuConfig pmu(Cursor in, List<PhasorChannel> phasors, List<AnalogChannel> analogs, List<DigitalWord> digitals)
                throws FrameFormatException {
            int nominalHz = (in.u16() & 1) != 0 ? 50 : 60;
            int cfgcnt = in.u16();
            return new PmuConfig(station, idcode, format, phasors, analogs, digitals, nominalHz, cfgcnt);
        }
    }
}
