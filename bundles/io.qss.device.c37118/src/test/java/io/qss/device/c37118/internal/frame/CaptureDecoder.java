// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal.frame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Decodes every frame of a capture's flows with the production codec, as a live session would. */
final class CaptureDecoder {

    private final List<Decoded> data = new ArrayList<>();
    private int configFrames;
    private int commandFrames;
    private long badFrames;
    private long skippedBytes;

    /** One decoded data frame with the configuration that decoded it. */
    record Decoded(int idcode, long soc, int fraction, int timeQuality, DataDecoder decoder, double[] values) {

        String key() {
            return idcode + "@" + soc + "+" + fraction;
        }
    }

    static CaptureDecoder decode(Path capture) throws IOException, FrameFormatException {
        CaptureDecoder decoder = new CaptureDecoder();
        for (PcapReader.Flow flow : PcapReader.read(capture)) {
            decoder.flow(flow);
        }
        return decoder;
    }

    List<Decoded> data() {
        return data;
    }

    int configFrames() {
        return configFrames;
    }

    int commandFrames() {
        return commandFrames;
    }

    long badFrames() {
        return badFrames;
    }

    long skippedBytes() {
        return skippedBytes;
    }

    private void flow(PcapReader.Flow flow) throws FrameFormatException {
        FrameScanner scanner = new FrameScanner();
        DataDecoder decoder = null;
        for (byte[] chunk : flow.chunks()) {
            ByteBuffer in = ByteBuffer.wrap(chunk);
            for (int size = scanner.next(in); size > 0; size = scanner.next(in)) {
                int start = in.position();
                FrameType type = Frames.type(in, start);
                if (type.isConfig()) {
                    decoder = new DataDecoder(ConfigParser.parse(in, start));
                    configFrames++;
                } else if (type == FrameType.COMMAND) {
                    commandFrames++;
                } else if (type == FrameType.DATA && decoder != null && decoder.frameSize() == size) {
                    double[] values = new double[decoder.valueCount()];
                    decoder.decode(in, start, values, 0);
                    data.add(new Decoded(
                            Frames.idcode(in, start),
                            Frames.soc(in, start),
                            Frames.fraction(in, start),
                            Frames.timeQuality(in, start),
                            decoder,
                            values));
                }
                in.position(start + size);
            }
        }
        badFrames += scanner.badFrames();
        skippedBytes += scanner.skippedBytes();
    }
}
