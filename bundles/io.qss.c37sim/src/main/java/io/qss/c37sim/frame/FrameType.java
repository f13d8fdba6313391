// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

/** The frame types of the SYNC word's bits 6-4. */
public enum FrameType {
    DATA(0),
    HEADER(1),
    CFG1(2),
    CFG2(3),
    COMMAND(4),
    CFG3(5);

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type of a SYNC word, or null when its type bits name none. */
    public static FrameType ofSync(int sync) {
        int code = (sync >>> 4) & 0x7;
        for (FrameType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }

    /** The SYNC word of this type in frames of {@code version} (1 = C37.118-2005, 2 = C37.118.2-2011). */
    public int sync(int version) {
        return 0xAA00 | (code << 4) | (version & 0xF);
    }
}
