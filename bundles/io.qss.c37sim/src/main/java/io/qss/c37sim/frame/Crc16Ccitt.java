// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

import java.nio.ByteBuffer;

/** The C37.118 frame check: CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR). */
public final class Crc16Ccitt {
    private static final int[] TABLE = table();

    private Crc16Ccitt() {}

    /** CRC of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static int of(byte[] bytes, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ bytes[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    /** CRC of the buffer's bytes from absolute index {@code from} (inclusive) to {@code to} (exclusive). */
    public static int of(ByteBuffer buffer, int from, int to) {
        int crc = 0xFFFF;
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ buffer.get(i)) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    private static int[] table() {
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            t[i] = crc & 0xFFFF;
        }
        return t;
    }
}
