// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Sequential big-endian reads within one frame's body that refuse to run past its CRC. */
final class Cursor {

    private final ByteBuffer buffer;
    private final int end;
    private int position;

    Cursor(ByteBuffer buffer, int position, int end) {
        this.buffer = buffer;
        this.position = position;
        this.end = end;
    }

    int position() {
        return position;
    }

    boolean isAtEnd() {
        return position == end;
    }

    int u8() throws FrameFormatException {
        need(1);
        return Bytes.u8(buffer, position++);
    }

    int u16() throws FrameFormatException {
        need(2);
        int value = Bytes.u16(buffer, position);
        position += 2;
        return value;
    }

    int s32() throws FrameFormatException {
        need(4);
        int value = Bytes.s32(buffer, position);
        position += 4;
        return value;
    }

    float f32() throws FrameFormatException {
        return Float.intBitsToFloat(s32());
    }

    void skip(int count) throws FrameFormatException {
        need(count);
        position += count;
    }

    /** A fixed-width name (CFG-1/2: 16 bytes), trimmed of blanks and NULs. */
    String name(int width) throws FrameFormatException {
        need(width);
        byte[] bytes = new byte[width];
        buffer.get(position, bytes);
        position += width;
        return new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    }

    /** A CFG-3 name: one length byte, then that many UTF-8 bytes. */
    String lengthPrefixedName() throws FrameFormatException {
        return name(u8());
    }

    private void need(int count) throws FrameFormatException {
        if (end - position < count) {
            throw new FrameFormatException("configuration frame ends inside a field [offset=" + position + ", needed="
                    + count + ", left=" + (end - position) + "]");
        }
    }
}
