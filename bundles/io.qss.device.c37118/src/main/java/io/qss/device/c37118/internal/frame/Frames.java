// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import java.nio.ByteBuffer;

/**
 * The common header of a frame at an absolute index of a buffer: SYNC (2), FRAMESIZE (2), IDCODE (2), SOC (4),
 * FRACSEC (4: time-quality byte, 24-bit fraction); the CHK (2) ends the frame. Reads never move the position.
 */
public final class Frames {

    /** Bytes of the common header. */
    public static final int HEADER_SIZE = 14;
    /** The smallest frame: a header and its CRC. */
    public static final int MIN_SIZE = HEADER_SIZE + 2;
    /** The first SYNC byte of every frame. */
    public static final int SYNC = 0xAA;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Frames() {}

    /** The frame's type; null when the SYNC word names none. */
    public static FrameType type(ByteBuffer b, int start) {
        return FrameType.of(Bytes.u8(b, start + 1) >> 4 & 0x7);
    }

    /** The frame version: 1 = C37.118-2005, 2 = C37.118.2-2011, 3 = C37.118.2 CFG-3 era. */
    public static int version(ByteBuffer b, int start) {
        return Bytes.u8(b, start + 1) & 0x0F;
    }

    /** FRAMESIZE: bytes of the whole frame, CRC included. */
    public static int size(ByteBuffer b, int start) {
        return Bytes.u16(b, start + 2);
    }

    /** IDCODE: the stream's (or, in a command, the destination's) id. */
    public static int idcode(ByteBuffer b, int start) {
        return Bytes.u16(b, start + 4);
    }

    /** SOC: seconds since 1970-01-01 UTC. */
    public static long soc(ByteBuffer b, int start) {
        return Bytes.u32(b, start + 6);
    }

    /** The time-quality byte of FRACSEC: leap-second direction, occurred, pending, 4-bit quality code. */
    public static int timeQuality(ByteBuffer b, int start) {
        return Bytes.u8(b, start + 10);
    }

    /** The fraction of the second in TIME_BASE units (low 24 bits of FRACSEC). */
    public static int fraction(ByteBuffer b, int start) {
        return Bytes.s32(b, start + 10) & 0xFF_FFFF;
    }

    /** SOC + fraction / timeBase as epoch nanoseconds, rounded to the nearest nanosecond. */
    public static long timeNanos(long soc, int fraction, int timeBase) {
        return soc * NANOS_PER_SECOND + (fraction * NANOS_PER_SECOND + timeBase / 2) / timeBase;
    }

    /** Whether {@code b} at {@code start} begins a frame whose CRC is right; the frame must be whole. */
    public static boolean isCrcGood(ByteBuffer b, int start, int size) {
        return Crc16.compute(b, start, size - 2) == Bytes.u16(b, start + size - 2);
    }
}
