// SPDX-License-Identifier: Apache-2.0
package io.qss.c37sim.replay;

import io.qss.c37sim.frame.FrameType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frames a capture's PMUs and PDCs sent (command frames, which clients sent, left out), per stream IDCODE, in
 * capture order. Immutable.
 */
public final class Capture {
    private final Map<Integer, List<CapturedFrame>> streams;

    public Capture(List<CapturedFrame> frames) {
        Map<Integer, List<CapturedFrame>> byIdcode = new LinkedHashMap<>();
        for (CapturedFrame f : frames) {
            if (f.frame().type() != FrameType.COMMAND) {
                byIdcode.computeIfAbsent(f.frame().idcode(), id -> new ArrayList<>())
                        .add(f);
            }
        }
        byIdcode.replaceAll((id, list) -> List.copyOf(list));
        streams = byIdcode;
    }

    /** Reads {@code file}; fails when it holds no C37.118 frame a PMU sent. */
    public static Capture read(Path file) throws IOException {
        Capture capture = new Capture(PcapReader.read(file));
        if (capture.streams.isEmpty()) {
            throw new CaptureException("no C37.118 frames from a PMU in the capture [file=" + file + "]");
        }
        return capture;
    }

    /** IDCODEs of the capture's streams, in order of first appearance. */
    public List<Integer> idcodes() {
        return List.copyOf(streams.keySet());
    }

    /** The frames of stream {@code idcode}, empty when the capture has none. */
    public List<CapturedFrame> stream(int idcode) {
        return streams.getOrDefault(idcode, List.of());
    }

    /** Every frame of every stream, in capture order. */
    public List<CapturedFrame> all() {
        List<CapturedFrame> all = new ArrayList<>();
        streams.values().forEach(all::addAll);
        all.sort((a, b) -> Long.compare(a.timeMicros(), b.timeMicros()));
        return all;
    }

    /** Index of the first data frame of {@code frames}, or its size when it has none. */
    static int firstData(List<CapturedFrame> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).frame().type() == FrameType.DATA) {
                return i;
            }
        }
        return frames.size();
    }
}
