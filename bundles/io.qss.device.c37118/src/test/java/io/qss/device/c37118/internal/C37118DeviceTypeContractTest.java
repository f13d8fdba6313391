// SPDX-License-Identifier: Apache-2.0
package io.qss.device.c37118.internal;

import io.qss.device.DeviceType;
import io.qss.device.c37118.internal.frame.Commands;
import io.qss.device.c37118.internal.frame.FrameType;
import io.qss.device.c37118.internal.frame.Frames;
import io.qss.device.c37118.internal.frame.PcapReader;
import io.qss.device.testkit.DeviceTypeContractTest;
import io.qss.device.testkit.SampleDevice;
import io.qss.device.testkit.ScriptedDevice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The C37.118 type against the device contract, with the recorded PMU of {@code C37.118_1PMU_TCP.pcap} as the
 * device: it answers "send CFG-2" with its configuration frame and "turn on" with its data frames.
 */
class C37118DeviceTypeContractTest extends DeviceTypeContractTest {

    private static final Path CAPTURE = Path.of("src/test/resources/c37118/C37.118_1PMU_TCP.pcap");
    private static final int DATA_FRAMES = 60;
    private static final int DAMAGED_FRAME = 10;

    @Override
    protected DeviceType type() {
        return new C37118DeviceType();
    }

    @Override
    protected List<SampleDevice> devices() {
        return List.of(
                new SampleDevice("pmu_a", Map.of("host", "127.0.0.1", "port", "4712", "idcode", "241")),
                new SampleDevice("pmu_b", Map.of("host", "127.0.0.2", "port", "4712", "idcode", "60")));
    }

    @Override
    protected ScriptedDevice liveDevice() {
        return new RecordedPmu(recording(), false);
    }

    @Override
    protected ScriptedDevice faultyLiveDevice() {
        Recording recorded = recording();
        List<byte[]> data = new ArrayList<>(recorded.data());
        byte[] damaged = data.get(DAMAGED_FRAME).clone();
        damaged[damaged.length - 1] ^= 0x5A;
        data.set(DAMAGED_FRAME, damaged);
        return new RecordedPmu(new Recording(recorded.configuration(), data), false);
    }

    @Override
    protected ScriptedDevice resumedLiveDevice() {
        return new RecordedPmu(recording(), true);
    }

    /** The device's configuration frame and its first data frames, as sent. */
    private record Recording(byte[] configuration, List<byte[]> data) {}

    /** Answers CFG-2 requests with the configuration and "turn on" with the data; resumed, it streams at once. */
    private record RecordedPmu(Recording recording, boolean isResumed) implements ScriptedDevice {

        @Override
        public List<byte[]> onConnect() {
            return isResumed ? recording.data() : List.of();
        }

        @Override
        public List<byte[]> onCommand(byte[] command) {
            int code = Commands.command(ByteBuffer.wrap(command), 0);
            if (code == Commands.SEND_CFG2) {
                return List.of(recording.configuration());
            }
            return code == Commands.TURN_ON && !isResumed ? recording.data() : List.of();
        }
    }

    private static Recording recording() {
        try {
            for (PcapReader.Flow flow : PcapReader.read(CAPTURE)) {
                if (flow.isTcp()) {
                    Recording found = frames(flow.chunks().get(0));
                    if (found != null) {
                        return found;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the capture failed [file=" + CAPTURE + "]", e);
        }
        throw new IllegalStateException("no PMU stream in the capture [file=" + CAPTURE + "]");
    }

    /** Splits the device's byte stream into frames; null when it holds no configuration (the client's direction). */
    private static Recording frames(byte[] stream) {
        ByteBuffer b = ByteBuffer.wrap(stream);
        byte[] configuration = null;
        List<byte[]> data = new ArrayList<>();
        for (int at = 0; at + Frames.MIN_SIZE <= stream.length && data.size() < DATA_FRAMES; ) {
            int size = Frames.size(b, at);
            byte[] frame = Arrays.copyOfRange(stream, at, at + size);
            FrameType type = Frames.type(b, at);
            if (type == FrameType.CFG2 && configuration == null) {
                configuration = frame;
            } else if (type == FrameType.DATA && configuration != null) {
                data.add(frame);
            }
            at += size;
        }
        return configuration == null ? null : new Recording(configuration, data);
    }
}
