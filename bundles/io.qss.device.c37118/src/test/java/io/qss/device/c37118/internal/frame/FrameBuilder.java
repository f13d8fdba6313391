// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds C37.118 frames byte by byte for tests, independently of the decoder. */
public final class FrameBuilder {

    private FrameBuilder() {}

    /** One PMU of a CFG-2 frame; {@code phunits}/{@code anunits} are the raw 32-bit words. */
    public record Pmu(
            String station,
            int idcode,
            int format,
            String[] phasors,
            int[] phunits,
            String[] analogs,
            int[] anunits,
            String[] digitalNames,
            int fnom,
            int cfgcnt) {

        /** A PMU with {@code phasors} voltage phasors of PHUNIT {@code phunit}, no analogs or digitals. */
        public static Pmu simple(String station, int idcode, int format, int phasors, int phunit) {
            String[] names = new String[phasors];
            int[] units = new int[phasors];
            for (int i = 0; i < phasors; i++) {
                names[i] = "V" + (i + 1);
                units[i] = phunit;
            }
            return new Pmu(station, idcode, format, names, units, new String[0], new int[0], new String[0], 0, 1);
        }
    }

    /** A whole frame: header, {@code body}, CRC. */
    public static byte[] frame(FrameType type, int version, int idcode, long soc, int fracsec, byte[] body) {
        int size = Frames.MIN_SIZE + body.length;
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put((byte) 0xAA)
                .put((byte) (type.code() << 4 | version))
                .putShort((short) size)
                .putShort((short) idcode);
        b.putInt((int) soc).putInt(fracsec).put(body);
        b.putShort((short) Crc16.compute(b.array(), 0, size - 2));
        return b.array();
    }

    /** A CFG-2 frame (version 1) of {@code pmus}. */
    public static byte[] cfg2(int idcode, int timeBase, int dataRate, Pmu... pmus) {
        ByteBuffer b = ByteBuffer.allocate(65535);
        b.putInt(timeBase).putShort((short) pmus.length);
        for (Pmu pmu : pmus) {
            b.put(padded(pmu.station())).putShort((short) pmu.idcode()).putShort((short) pmu.format());
            b.putShort((short) pmu.phasors().length)
                    .putShort((short) pmu.analogs().length)
                    .putShort((short) (pmu.digitalNames().length / 16));
            Arrays.stream(pmu.phasors()).forEach(n -> b.put(padded(n)));
            Arrays.stream(pmu.analogs()).forEach(n -> b.put(padded(n)));
            Arrays.stream(pmu.digitalNames()).forEach(n -> b.put(padded(n)));
            Arrays.stream(pmu.phunits()).forEach(b::putInt);
            Arrays.stream(pmu.anunits()).forEach(b::putInt);
            for (int i = 0; i < pmu.digitalNames().length / 16; i++) {
                b.putInt(0x0000FFFF);
            }
            b.putShort((short) pmu.fnom()).putShort((short) pmu.cfgcnt());
        }
        b.putShort((short) dataRate);
        return frame(FrameType.CFG2, 1, idcode, 1_700_000_000L, 0, Arrays.copyOf(b.array(), b.position()));
    }

    /** A data frame whose body the caller wrote into {@code body} (position = its size). */
    public static byte[] data(int idcode, long soc, int fracsec, ByteBuffer body) {
        return frame(FrameType.DATA, 1, idcode, soc, fracsec, Arrays.copyOf(body.array(), body.position()));
    }

    /** {@code frame} after its bytes were changed: its CRC written anew. */
    public static byte[] withCrc(byte[] frame) {
        int crc = Crc16.compute(frame, 0, frame.length - 2);
        frame[frame.length - 2] = (byte) (crc >> 8);
        frame[frame.length - 1] = (byte) crc;
        return frame;
    }

    /** The frames, one after the other. */
    public static byte[] concat(byte[]... frames) {
        ByteBuffer b = ByteBuffer.allocate(
                Arrays.stream(frames).mapToInt(f -> f.length).sum());
        Arrays.stream(frames).forEach(b::put);
        return b.array();
    }

    private static byte[] padded(String name) {
        byte[] bytes = new byte[16];
        Arrays.fill(bytes, (byte) ' ');
        byte[] text = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, bytes, 0, Math.min(16, text.length));
        return bytes;
    }
}
