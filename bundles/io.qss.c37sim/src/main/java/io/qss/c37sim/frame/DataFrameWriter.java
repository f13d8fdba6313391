// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.frame;

import java.nio.ByteBuffer;

/**
 * Writes one stream's data frames into one reusable buffer: SYNC, FRAMESIZE and IDCODE are written once, each frame
 * rewrites only SOC, FRACSEC, the PMUs' blocks and the CRC. The bytes are those of
 * {@link FrameEncoder#data(StreamConfig, long, int, java.util.List)}; a sender of thousands of frames a second writes
 * them without allocating. The frame ends up in a direct buffer, which a socket writes without first copying it.
 * Not thread-safe, and each {@link #write} overwrites the previous frame.
 */
public final class DataFrameWriter {
    private static final int SOC_OFFSET = 6;

    private final StreamConfig config;
    private final ByteBuffer encoded;
    private final ByteBuffer frame;

    /** A writer of {@code config}'s data frames. */
    public DataFrameWriter(StreamConfig config) {
        this.config = config;
        int size = config.dataFrameBytes();
        encoded = ByteBuffer.allocate(size);
        frame = ByteBuffer.allocateDirect(size);
        FrameEncoder.putHeader(encoded, FrameType.DATA.sync(config.version()), size, config.idcode(), 0, 0);
    }

    public StreamConfig config() {
        return config;
    }

    /**
     * The data frame stamped {@code soc}/{@code fracsec} of {@code values} (one per PMU of the configuration, in its
     * order), every PMU's STAT word replaced by {@code stat}: a buffer from position 0 to the frame's end, valid until
     * the next call.
     */
    public ByteBuffer write(long soc, int fracsec, int stat, PmuValues[] values) {
        if (values.length != config.pmus().size()) {
            throw new IllegalArgumentException("one sample per PMU needed [idcode=" + config.idcode() + ", pmus="
                    + config.pmus().size() + ", samples=" + values.length + "]");
        }
        encoded.position(SOC_OFFSET);
        encoded.putInt((int) soc);
        encoded.putInt(fracsec);
        for (int i = 0; i < values.length; i++) {
            PmuValues v = values[i];
            FrameEncoder.putPmuData(
                    encoded, config.pmus().get(i), stat, v.magnitude, v.angle, v.freq, v.dfreq, v.analog, v.digital);
        }
        FrameEncoder.putCrc(encoded, 0);
        frame.clear();
        frame.put(encoded.array(), 0, encoded.position());
        return frame.flip();
    }
}
