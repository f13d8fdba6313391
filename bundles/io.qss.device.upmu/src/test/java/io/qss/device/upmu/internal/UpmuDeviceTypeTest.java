// SPDX-License-Identifier: Apache-2.0
package io.qss.device.upmu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.dat.DatCodecs;
import io.qss.dat.DatColumns;
import io.qss.dat.DatStream;
import io.qss.dat.UpmuConstants;
import io.qss.dat.tools.sim.SyntheticDatOptions;
import io.qss.dat.tools.sim.SyntheticDats;
import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.IngestResult;
import io.qss.device.SampleSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpmuDeviceTypeTest {

    private static final long START = 1_700_000_040L;

    @TempDir
    Path dir;

    private final UpmuDeviceType type = new UpmuDeviceType();
    private final Map<String, long[]> times = new LinkedHashMap<>();
    private final Map<String, double[]> values = new LinkedHashMap<>();
    private final SampleSink sink = (stream, t, v, off, len) -> {
        times.put(stream, Arrays.copyOfRange(t, off, off + len));
        values.put(stream, Arrays.copyOfRange(v, off, off + len));
    };

    private static DeviceDescriptor device(boolean isExtended) {
        return new DeviceDescriptor(
                UpmuConstants.TYPE_ID,
                "P3500000",
                "a",
                Map.of(UpmuConstants.PROPERTY_EXTENDED, Boolean.toString(isExtended)));
    }

    @Test
    void givenExtendedDevice_whenStreams_thenNineteenWithUnits() {
        assertEquals(19, type.streams(device(true)).size());
        assertEquals(13, type.streams(device(false)).size());
        assertEquals("V", type.streams(device(false)).get(0).unit());
    }

    @Test
    void givenExtendedFile_whenIngested_thenEveryStreamMatchesTheDecoder() throws Exception {
        Path file =
                write(SyntheticDats.generator(SyntheticDatOptions.of(7, true)).generateFile(START, 60));

        IngestResult result = type.ingestFile(device(true), file, sink);

        DatColumns expected = DatCodecs.decoder().decodeColumns(file);
        assertEquals(19, values.size());
        assertEquals(19L * 60 * 120, result.samples());
        for (DatStream s : DatStream.values()) {
            assertArrayEquals(expected.times(), times.get(s.streamName()));
            assertArrayEquals(expected.values(s), values.get(s.streamName()));
        }
    }

    @Test
    void givenExtendedFileForBaseDevice_whenIngested_thenBaseStreamsKeptAndMismatchReported() throws Exception {
        Path file =
                write(SyntheticDats.generator(SyntheticDatOptions.of(7, true)).generateFile(START, 2));

        IngestResult result = type.ingestFile(device(false), file, sink);

        assertEquals(13, values.size());
        assertEquals(13L * 2 * 120, result.samples());
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
        assertEquals(
                "device a registered base, sends extended files: run upmu:setext a true, then upmu:save "
                        + "[serial=P3500000]",
                result.configMismatch());
    }

    @Test
    void givenBaseFileForExtendedDevice_whenIngested_thenBaseStreamsKeptAndMismatchReported() throws Exception {
        Path file =
                write(SyntheticDats.generator(SyntheticDatOptions.of(7, false)).generateFile(START, 2));

        IngestResult result = type.ingestFile(device(true), file, sink);

        assertEquals(13, values.size());
        assertTrue(
                result.configMismatch()
                        .startsWith("device a registered extended, sends base files: " + "run upmu:setext a false"),
                result.configMismatch());
    }

    @Test
    void givenMatchingFiles_whenIngested_thenNoMismatch() throws Exception {
        assertEquals(
                "",
                type.ingestFile(
                                device(true),
                                write(SyntheticDats.generator(SyntheticDatOptions.of(7, true))
                                        .generateFile(START, 1)),
                                sink)
                        .configMismatch());
        assertEquals(
                "",
                type.ingestFile(
                                device(false),
                                write(SyntheticDats.generator(SyntheticDatOptions.of(7, false))
                                        .generateFile(START, 1)),
                                sink)
                        .configMismatch());
    }

    @Test
    void givenGarbage_whenIngested_thenCorruptInput() throws Exception {
        byte[] garbage = new byte[7000];
        Arrays.fill(garbage, (byte) 0x7f);
        Path file = write(garbage);

        DeviceException e = assertThrows(DeviceException.class, () -> type.ingestFile(device(false), file, sink));

        assertEquals(DeviceErrorCode.CORRUPT_INPUT, e.code());
        assertTrue(e.getMessage().contains("no valid record"));
    }

    private Path write(byte[] data) throws Exception {
        return Files.write(dir.resolve("f.dat"), data);
    }
}
