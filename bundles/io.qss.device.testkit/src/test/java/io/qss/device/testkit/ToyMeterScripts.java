// SPDX-License-Identifier: Apache-2.0
package io.qss.device.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Inputs of the toy meter: lines, files, scripted devices. */
final class ToyMeterScripts {

    static final long START_NANOS = 1_700_000_000_000_000_000L;

    private ToyMeterScripts() {}

    static List<SampleDevice> devices() {
        return List.of(
                new SampleDevice("m1", Map.of("host", "10.0.0.1")),
                new SampleDevice("m2", Map.of("host", "10.0.0.2", "port", "4001")));
    }

    /** {@code count} lines {@code epoch_ns,volts,amps}, one per 1/60 s. */
    static List<byte[]> lines(int count) {
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String line = (START_NANOS + i * 16_666_667L) + "," + (230 + i % 7 * 0.25) + "," + (5 + i % 3) + "\n";
            lines.add(line.getBytes(StandardCharsets.US_ASCII));
        }
        return lines;
    }

    /** A meter that answers START with its header line, then {@code lines}. */
    static ScriptedDevice meter(List<byte[]> lines) {
        List<byte[]> answer = new ArrayList<>();
        answer.add((ToyMeterType.HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
        answer.addAll(lines);
        return new ScriptedDevice() {
            @Override
            public List<byte[]> onConnect() {
                return List.of();
            }

            @Override
            public List<byte[]> onCommand(byte[] command) {
                return Arrays.equals(command, ToyMeterType.START) ? answer : List.of();
            }
        };
    }

    /** Good lines with two unreadable ones among them. */
    static List<byte[]> linesWithDamage() {
        List<byte[]> lines = new ArrayList<>(lines(30));
        lines.add(10, "17000000000000,23x.5,5\n".getBytes(StandardCharsets.US_ASCII));
        lines.add(20, "garbage\n".getBytes(StandardCharsets.US_ASCII));
        return lines;
    }

    static Path file(Path dir, String name, List<byte[]> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(new String(line, StandardCharsets.US_ASCII)));
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }
}
