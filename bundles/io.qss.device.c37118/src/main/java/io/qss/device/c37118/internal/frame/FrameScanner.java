// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import java.nio.ByteBuffer;

/**
 * Finds whole frames with a good CRC in a byte stream. Bytes before a SYNC are skipped and counted; a frame whose CRC
 * is wrong is counted and scanning resumes one byte after its SYNC, so a false SYNC inside garbage costs nothing but
 * the bytes and a damaged frame never takes the following good ones with it. A SYNC whose FRAMESIZE reaches past the
 * bytes at hand and exceeds every good frame seen so far is taken as false when a whole good frame starts after it,
 * so garbage cannot stall the stream; frames of a size already seen (the steady data frames) are never second-guessed
 * that way, which keeps a chance match inside their bytes from costing a frame. Not thread-safe: one per stream.
 */
public final class FrameScanner {

    private long skippedBytes;
    private long badFrames;
    private int largestFrame;

    /**
     * Moves {@code in}'s position to the next whole frame with a good CRC and returns its size, or returns 0 with the
     * position at the start of an incomplete frame (or at the limit) when no whole frame is left. The caller advances
     * the position past the frame.
     */
    public int next(ByteBuffer in) {
        while (true) {
            int start = skipToSync(in);
            int limit = in.limit();
            if (limit - start < 4) {
                return 0;
            }
            int size = Frames.size(in, start);
            if (!isPlausible(in, start, size)) {
                skip(in, start, 1);
                continue;
            }
            if (limit - start < size) {
                if (size > largestFrame && isWholeFrameAfter(in, start + 1)) {
                    skip(in, start, 1);
                    continue;
                }
                return 0;
            }
            if (Frames.isCrcGood(in, start, size)) {
                largestFrame = Math.max(largestFrame, size);
                return size;
            }
            badFrames++;
            in.position(start + 1);
        }
    }

    /** Bytes skipped so far because they began no frame. */
    public long skippedBytes() {
        return skippedBytes;
    }

    /** Frames refused so far because their CRC was wrong. */
    public long badFrames() {
        return badFrames;
    }

    /** Counts what is left in {@code in} as skipped and consumes it (e.g. the tail of a UDP datagram). */
    public void discard(ByteBuffer in) {
        skippedBytes += in.remaining();
        in.position(in.limit());
    }

    private int skipToSync(ByteBuffer in) {
        int start = in.position();
        int limit = in.limit();
        int sync = start;
        while (sync < limit && Bytes.u8(in, sync) != Frames.SYNC) {
            sync++;
        }
        skip(in, start, sync - start);
        return sync;
    }

    private void skip(ByteBuffer in, int start, int count) {
        skippedBytes += count;
        in.position(start + count);
    }

    private static boolean isWholeFrameAfter(ByteBuffer in, int from) {
        int limit = in.limit();
        for (int i = from; i + Frames.MIN_SIZE <= limit; i++) {
            if (Bytes.u8(in, i) == Frames.SYNC) {
                int size = Frames.size(in, i);
                if (isPlausible(in, i, size) && size <= limit - i && Frames.isCrcGood(in, i, size)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isPlausible(ByteBuffer in, int start, int size) {
        int second = Bytes.u8(in, start + 1);
        int version = second & 0x0F;
        return (second & 0x80) == 0
                && FrameType.of(second >> 4 & 0x7) != null
                && version >= 1
                && version <= 3
                && size >= Frames.MIN_SIZE;
    }
}
