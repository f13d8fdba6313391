// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

import java.nio.ByteBuffer;

/** One whole frame as it was on the wire, with the fields of its common header. */
public record RawFrame(byte[] bytes) {

    public int sync() {
        return u16(0);
    }

    public FrameType type() {
        return FrameType.ofSync(sync());
    }

    public int version() {
        return sync() & 0xF;
    }

    public int idcode() {
        return u16(4);
    }

    public long soc() {
        return ByteBuffer.wrap(bytes, 6, 4).getInt() & 0xFFFFFFFFL;
    }

    public int fracsec() {
        return ByteBuffer.wrap(bytes, 10, 4).getInt();
    }

    /** Whether the CHK trailer matches the CRC of the rest. */
    public boolean isCrcOk() {
        return Crc16Ccitt.of(bytes, 0, bytes.length - 2) == u16(bytes.length - 2);
    }

    /** The CMD word of a command frame. */
    public int commandCode() {
        return u16(FrameEncoder.HEADER_BYTES);
    }

    private int u16(int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }
}
