// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import java.nio.ByteBuffer;

/** Big-endian reads at absolute indexes, whatever order the buffer was given with. */
final class Bytes {

    private Bytes() {}

    static int u8(ByteBuffer b, int i) {
        return b.get(i) & 0xFF;
    }

    static int u16(ByteBuffer b, int i) {
        return (b.get(i) & 0xFF) << 8 | b.get(i + 1) & 0xFF;
    }

    static int s16(ByteBuffer b, int i) {
        return (short) u16(b, i);
    }

    static int s32(ByteBuffer b, int i) {
        return u16(b, i) << 16 | u16(b, i + 2);
    }

    static long u32(ByteBuffer b, int i) {
        return s32(b, i) & 0xFFFF_FFFFL;
    }

    static float f32(ByteBuffer b, int i) {
        return Float.intBitsToFloat(s32(b, i));
    }
}
