// SPDX-License-Identifier: Apache-2.0
package io.qss.device.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qss.device.DeviceDescriptor;
import io.qss.device.DeviceErrorCode;
import io.qss.device.DeviceException;
import io.qss.device.DeviceType;
import io.qss.device.IngestResult;
import io.qss.device.StreamSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checks of a type that reads files: ingest delivers samples only to declared streams, the same file twice gives
 * the same samples and result, and damaged files end in {@link DeviceErrorCode#CORRUPT_INPUT} or a normal result,
 * never another code nor an unchecked exception.
 */
public final class FileContract {

    private static final int DAMAGED_VARIANTS = 8;

    private final DeviceType type;
    private final DeviceDescriptor device;
    private final List<Path> files;
    private final Path workDir;

    /** Checks {@code subject}'s files against its first sample device; damaged copies are written to {@code workDir}. */
    public FileContract(ContractSubject subject, Path workDir) {
        this.type = subject.type();
        this.device = subject.devices().get(0).descriptor(type);
        this.files = subject.files();
        this.workDir = workDir;
    }

    /**
     * Each file ingested twice into fresh sinks: samples only in declared streams, within the result's first and last
     * time, and both times the same samples and result.
     */
    public void checkReIngestIsIdempotent() throws Exception {
        for (Path file : files) {
            RecordingSampleSink first = sink();
            IngestResult firstResult = ingestValid(file, first);
            checkDelivered(file, first, firstResult);
            RecordingSampleSink second = sink();
            IngestResult secondResult = ingestValid(file, second);
            assertEquals(first.samples(), second.samples(), "same file, other samples [file=" + file + "]");
            assertEquals(firstResult, secondResult, "same file, other result [file=" + file + "]");
        }
    }

    /**
     * An empty file must be {@link DeviceErrorCode#CORRUPT_INPUT}. Random bytes, truncated and damaged copies of each
     * file must be that or a normal result into declared streams; any other outcome fails, naming the seed.
     */
    public void checkCorruptInputRefused(Fuzz fuzz) throws Exception {
        DeviceException empty = ingestDamaged(write("empty", new byte[0]), "empty file", fuzz);
        assertTrue(
                empty != null && empty.code() == DeviceErrorCode.CORRUPT_INPUT,
                "an empty file must fail with CORRUPT_INPUT [outcome=" + describe(empty) + "]");
        for (int size : new int[] {1, 17, 4096}) {
            ingestDamaged(write("random-" + size, fuzz.randomBytes(size)), size + " random bytes", fuzz);
        }
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            ingestDamaged(
                    write("random-as-" + file.getFileName(), fuzz.randomBytes(bytes.length)),
                    "random bytes as long as " + file,
                    fuzz);
            for (int i = 0; i < DAMAGED_VARIANTS; i++) {
                ingestDamaged(write("truncated-" + i, fuzz.truncated(bytes)), "truncated " + file, fuzz);
                ingestDamaged(write("damaged-" + i, fuzz.damaged(bytes, 1 + i)), "damaged " + file, fuzz);
            }
        }
    }

    private IngestResult ingestValid(Path file, RecordingSampleSink sink) {
        try {
            return type.ingestFile(device, file, sink);
        } catch (DeviceException e) {
            throw new AssertionError("a valid file failed [file=" + file + ", code=" + e.code() + "]", e);
        }
    }

    /** A sink that accepts the streams the type declares for the device. */
    private RecordingSampleSink sink() {
        Set<String> keys = new LinkedHashSet<>();
        type.streams(device).stream().map(StreamSpec::key).forEach(keys::add);
        return new RecordingSampleSink(() -> keys);
    }

    private void checkDelivered(Path file, RecordingSampleSink sink, IngestResult result) {
        assertTrue(
                sink.refusedKeys().isEmpty(),
                "appended to undeclared streams [file=" + file + ", keys=" + sink.refusedKeys() + "]");
        assertTrue(
                result != null && result.samples() > 0 && sink.storedCount() > 0,
                "a valid file delivered no samples [file=" + file + ", result=" + result + "]");
        for (var stream : sink.samples().entrySet()) {
            TreeMap<Long, Double> samples = stream.getValue();
            if (!samples.isEmpty()) {
                assertTrue(
                        samples.firstKey() >= result.firstTime() && samples.lastKey() <= result.lastTime(),
                        "samples outside the result's time range [file=" + file + ", stream=" + stream.getKey()
                                + ", first=" + samples.firstKey() + ", last=" + samples.lastKey() + ", result="
                                + result + "]");
            }
        }
    }

    /** Ingests a damaged input; returns the DeviceException (only CORRUPT_INPUT passes) or null on success. */
    private DeviceException ingestDamaged(Path input, String what, Fuzz fuzz) {
        RecordingSampleSink sink = sink();
        try {
            type.ingestFile(device, input, sink);
        } catch (DeviceException e) {
            if (e.code() != DeviceErrorCode.CORRUPT_INPUT) {
                throw new AssertionError(
                        "damaged input must fail with CORRUPT_INPUT [input=" + what + ", code=" + e.code() + "]"
                                + fuzz.tag(),
                        e);
            }
            return e;
        } catch (RuntimeException e) {
            throw new AssertionError("damaged input threw an unchecked exception [input=" + what + "]" + fuzz.tag(), e);
        }
        assertTrue(
                sink.refusedKeys().isEmpty(),
                "damaged input appended to undeclared streams [input=" + what + ", keys=" + sink.refusedKeys() + "]"
                        + fuzz.tag());
        return null;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(workDir.resolve(name), bytes);
    }

    private static String describe(DeviceException e) {
        return e == null ? "ingested without error" : e.code() + ": " + e.getMessage();
    }
}
