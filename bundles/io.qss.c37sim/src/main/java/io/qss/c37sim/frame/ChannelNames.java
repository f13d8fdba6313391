// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The 16-byte ASCII names of CFG-1/2 frames (station and channel names), space padded. */
public final class ChannelNames {
    public static final int LENGTH = 16;

    private ChannelNames() {}

    static void check(String name) {
        if (name == null
                || name.length() > LENGTH
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
            throw new IllegalArgumentException("name not 1..16 ASCII characters [name=" + name + "]");
        }
    }

    static void put(ByteBuffer out, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        out.put(bytes);
        for (int i = bytes.length; i < LENGTH; i++) {
            out.put((byte) ' ');
        }
    }
}
