// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Command frames (C37.118.2-2011 table 15): header, CMD (2), CRC; 18 bytes unless extended. */
public final class Commands {

    /** Turn off transmission of data frames. */
    public static final int TURN_OFF = 1;
    /** Turn on transmission of data frames. */
    public static final int TURN_ON = 2;
    /** Send the header frame. */
    public static final int SEND_HEADER = 3;
    /** Send CFG-1. */
    public static final int SEND_CFG1 = 4;
    /** Send CFG-2. */
    public static final int SEND_CFG2 = 5;
    /** Send CFG-3. */
    public static final int SEND_CFG3 = 6;
    /** Extended frame: user data follows CMD. */
    public static final int EXTENDED = 8;
    /** Bytes of a command frame without extended data. */
    public static final int SIZE = Frames.HEADER_SIZE + 4;

    private Commands() {}

    /**
     * A command frame to device {@code idcode}, stamped {@code soc} + {@code fraction} (TIME_BASE units, time quality
     * 0), in frame {@code version} (1 or 2); the buffer is ready to read.
     */
    public static ByteBuffer encode(int idcode, int command, int version, long soc, int fraction) {
        ByteBuffer frame = ByteBuffer.allocate(SIZE);
        frame.put((byte) Frames.SYNC).put((byte) (FrameType.COMMAND.code() << 4 | version & 0x0F));
        frame.putShort((short) SIZE).putShort((short) idcode).putInt((int) soc).putInt(fraction & 0xFF_FFFF);
        frame.putShort((short) command);
        frame.putShort((short) Crc16.compute(frame, 0, SIZE - 2));
        return frame.flip();
    }

    /** The CMD word of the whole command frame at {@code start}. */
    public static int command(ByteBuffer b, int start) {
        return Bytes.u16(b, start + Frames.HEADER_SIZE);
    }

    /** The text of the whole header frame at {@code start} (ASCII, trailing NULs and blanks removed). */
    public static String headerText(ByteBuffer b, int start) {
        int size = Frames.size(b, start);
        byte[] text = new byte[size - Frames.MIN_SIZE];
        b.get(start + Frames.HEADER_SIZE, text);
        return new String(text, StandardCharsets.ISO_8859_1).replace("\0", "").strip();
    }
}
