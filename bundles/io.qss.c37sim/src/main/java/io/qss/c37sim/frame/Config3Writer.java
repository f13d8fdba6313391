// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The CFG-3 frame of C37.118.2-2011: like CFG-2, but with length-prefixed names, a global PMU id, scale factors as
 * floats (PHSCALE: flags, factor, angle offset; ANSCALE: factor, offset), position, service class, window and group
 * delay. Written in one piece (CONT_IDX 0) when it fits FRAMESIZE.
 */
final class Config3Writer {
    /** PMU_LAT/LON/ELEV of a PMU whose position is not given: +infinity, as the standard asks. */
    private static final float UNKNOWN_POSITION = Float.POSITIVE_INFINITY;
    /** Phasor type byte: bit 3 current (else voltage), bits 2-0 component (4, 5, 6 = phase A, B, C). */
    private static final int CURRENT_BIT = 0x08;

    private static final int PHASE_A = 4;

    private Config3Writer() {}

    static byte[] write(StreamConfig config, long soc, int fracsec) {
        if (config.version() < 2) {
            throw new IllegalArgumentException("CFG-3 exists from frame version 2 [idcode=" + config.idcode()
                    + ", version=" + config.version() + "]");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(8);
        head.putShort((short) 0).putInt(config.timeBase()).putShort((short)
                config.pmus().size());
        body.writeBytes(head.array());
        for (PmuConfig pmu : config.pmus()) {
            body.writeBytes(pmuBlock(pmu));
        }
        body.writeBytes(
                ByteBuffer.allocate(2).putShort((short) config.dataRate()).array());
        int size = FrameEncoder.HEADER_BYTES + body.size() + 2;
        FrameEncoder.checkSize(size, config.idcode());
        ByteBuffer out = ByteBuffer.allocate(size);
        FrameEncoder.putHeader(out, FrameType.CFG3.sync(config.version()), size, config.idcode(), soc, fracsec);
        out.put(body.toByteArray());
        FrameEncoder.putCrc(out, 0);
        return out.array();
    }

    private static byte[] pmuBlock(PmuConfig pmu) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        name(block, pmu.station());
        ByteBuffer ids = ByteBuffer.allocate(2 + 16 + 2 + 6);
        ids.putShort((short) pmu.idcode());
        ids.putLong(0).putLong(pmu.idcode()); // G_PMU_ID: the IDCODE, for want of a global id
        ids.putShort((short) pmu.format().bits())
                .putShort((short) pmu.phasors().size())
                .putShort((short) pmu.analogs().size())
                .putShort((short) pmu.digitalWords());
        block.writeBytes(ids.array());
        pmu.phasors().forEach(p -> name(block, p.name()));
        pmu.analogs().forEach(a -> name(block, a.name()));
        for (int word = 0; word < pmu.digitalWords(); word++) {
            for (int bit = 0; bit < 16; bit++) {
                name(block, pmu.digitalName(word, bit));
            }
        }
        List<Phasor> phasors = pmu.phasors();
        ByteBuffer units = ByteBuffer.allocate(
                12 * phasors.size() + 8 * pmu.analogs().size() + 4 * pmu.digitalWords() + 12 + 1 + 4 + 4 + 2 + 2);
        for (int i = 0; i < phasors.size(); i++) {
            Phasor p = phasors.get(i);
            int type = (p.isCurrent() ? CURRENT_BIT : 0) | (PHASE_A + i % 3);
            units.putShort((short) 0).put((byte) type).put((byte) 0);
            units.putFloat((float) p.step()).putFloat(0f);
        }
        pmu.analogs().forEach(a -> units.putFloat((float) a.step()).putFloat(0f));
        for (int word = 0; word < pmu.digitalWords(); word++) {
            units.putInt(0x0000FFFF);
        }
        units.putFloat(UNKNOWN_POSITION).putFloat(UNKNOWN_POSITION).putFloat(UNKNOWN_POSITION);
        units.put((byte) 'M'); // service class: monitoring
        units.putInt(0).putInt(0); // WINDOW, GRP_DLY: not given
        units.putShort((short) (pmu.fnom() == 50 ? 1 : 0)).putShort((short) pmu.cfgcnt());
        block.writeBytes(units.array());
        return block.toByteArray();
    }

    private static void name(ByteArrayOutputStream out, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }
}
