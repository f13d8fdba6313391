// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

/** The frame type in bits 6..4 of the second SYNC byte (C37.118.2-2011 table 2). */
public enum FrameType {
    DATA,
    HEADER,
    CFG1,
    CFG2,
    COMMAND,
    CFG3;

    private static final FrameType[] BY_CODE = values();

    /** The type whose code is {@code code} (0..5); null when no type has it. */
    public static FrameType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The 3-bit code sent in the SYNC word. */
    public int code() {
        return ordinal();
    }

    /** Whether this is a configuration frame (CFG-1, CFG-2 or CFG-3). */
    public boolean isConfig() {
        return this == CFG1 || this == CFG2 || this == CFG3;
    }
}
