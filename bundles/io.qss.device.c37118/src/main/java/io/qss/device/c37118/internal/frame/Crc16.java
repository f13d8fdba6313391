// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import java.nio.ByteBuffer;

/** CRC-CCITT as C37.118 uses it: polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR. */
public final class Crc16 {

    private static final int[] TABLE = table();

    private Crc16() {}

    /** The CRC of {@code length} bytes of {@code buffer} from absolute index {@code from}; the position is unchanged. */
    public static int compute(ByteBuffer buffer, int from, int length) {
        int crc = 0xFFFF;
        for (int i = from, end = from + length; i < end; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ buffer.get(i)) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    /** The CRC of {@code length} bytes of {@code bytes} from {@code from}. */
    public static int compute(byte[] bytes, int from, int length) {
        return compute(ByteBuffer.wrap(bytes), from, length);
    }

    private static int[] table() {
        int[] table = new int[256];
        for (int b = 0; b < 256; b++) {
            int crc = b << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            table[b] = crc & 0xFFFF;
        }
        return table;
    }
}
